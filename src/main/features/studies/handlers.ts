import type { Handlers } from '../../../shared/contract';
import type { studiesMethods } from '../../../shared/contract/studies';
import type { StudiesDeps } from './deps';
import { createStudiesService } from './studies';

export type StudiesHandlers = Pick<Handlers, keyof typeof studiesMethods>;

/** Binds the indicator setup, chart settings and drawings methods to the studies service. */
export function createStudiesHandlers(deps: StudiesDeps): { handlers: StudiesHandlers; dispose(): void } {
  const studies = createStudiesService(deps);
  return {
    handlers: {
      'studies:get': ({ sessionId }) => studies.get(sessionId),
      'studies:save': (input) => studies.save(input),
      'drawings:list': ({ sessionId }) => studies.listDrawings(sessionId),
      'drawings:save': (input) => studies.saveDrawing(input),
      'drawings:delete': ({ sessionId, drawingId }) => studies.deleteDrawing(sessionId, drawingId),
    },
    dispose: () => {},
  };
}
