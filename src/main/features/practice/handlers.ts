import type { Handlers } from '../../../shared/contract';
import type { practiceMethods } from '../../../shared/contract/practice';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import type { PracticeDeps } from './deps';
import { PracticeService } from './service';

export type PracticeHandlers = Pick<Handlers, keyof typeof practiceMethods>;

/** Binds the practice methods and feeds every replay step to the streak. */
export function createPracticeHandlers(deps: PracticeDeps): {
  handlers: PracticeHandlers;
  service: PracticeService;
  dispose(): void;
} {
  const service = new PracticeService(deps);
  const baseOf = deps.store.sqlite.prepare('SELECT base_timeframe AS base FROM sessions WHERE id = ?');
  const stop = deps.events.subscribe((name, payload) => {
    if (name !== 'replay:tick') return;
    const tick = payload as { sessionId: string; cursorTs: number };
    const row = baseOf.get(tick.sessionId) as { base: Timeframe } | undefined;
    if (row) service.onTick(tick, TIMEFRAME_SECONDS[row.base] ?? 60);
  });
  return {
    service,
    handlers: {
      'practice:get': () => service.get(),
      'practice:save-settings': (input) => service.saveSettings(input),
    },
    dispose: stop,
  };
}
