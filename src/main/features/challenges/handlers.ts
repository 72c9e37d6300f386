import type { Handlers } from '../../../shared/contract';
import type { challengesMethods } from '../../../shared/contract/challenges';
import { createGated } from '../plan';
import type { TradingServices } from '../trading';
import type { ChallengesDeps } from './deps';
import { ChallengeService } from './service';

export type ChallengesHandlers = Pick<Handlers, keyof typeof challengesMethods>;

/** Binds the challenges methods to the service; starting one is a session, so the plan gates it. */
export function createChallengesHandlers(
  deps: ChallengesDeps,
  trading: TradingServices,
): { handlers: ChallengesHandlers; dispose(): void } {
  const service = new ChallengeService(deps, trading);
  const gated = createGated(deps.quotas);
  return {
    handlers: {
      'challenges:list-templates': () => service.listTemplates(),
      'challenges:copy-template': ({ templateId, name }) => service.copyTemplate(templateId, name),
      'challenges:save-template': ({ templateId, template }) => service.saveTemplate(templateId, template),
      'challenges:start': gated('active-sessions', async (input) => {
        await deps.licence.ready();
        return service.start(input);
      }),
      'challenges:get': ({ challengeId }) => service.get(challengeId),
      'challenges:for-session': ({ sessionId }) => service.forSession(sessionId),
      'challenges:list': () => service.list(),
      'challenges:preview-order': (input) => service.previewOrder(input),
      'challenges:pass-chance': (input) => service.passChance(input),
      'challenges:end': ({ challengeId }) => service.end(challengeId),
    },
    dispose: () => {},
  };
}
