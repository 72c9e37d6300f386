import type { Handlers } from '../../../shared/contract';
import type { blindMethods } from '../../../shared/contract/blind';
import { createGated } from '../plan';
import type { TradingServices } from '../trading';
import type { BlindDeps } from './deps';
import { BlindService } from './service';

export type BlindHandlers = Pick<Handlers, keyof typeof blindMethods>;

/** Binds the blind methods; starting one is a session, so the plan gates it. */
export function createBlindHandlers(deps: BlindDeps, trading: TradingServices): BlindHandlers {
  const service = new BlindService(deps, trading);
  const gated = createGated(deps.quotas);
  return {
    'blind:start': gated('active-sessions', (input) => service.start(input)),
    'blind:get': ({ sessionId }) => service.get(sessionId),
    'blind:end': ({ sessionId }) => service.end(sessionId),
  };
}
