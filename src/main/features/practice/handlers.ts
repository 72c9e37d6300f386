import type { Handlers } from '../../../shared/contract';
import type { practiceMethods } from '../../../shared/contract/practice';
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
  const stop = deps.events.subscribe((name, payload) => {
    if (name === 'replay:tick') service.onStep((payload as { sessionId: string }).sessionId);
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
