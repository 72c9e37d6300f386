import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { type ImportParams, runImport } from './import-runner';

/**
 * Worker entry: runs one import off the main thread. Messages out: `progress`, then `done`
 * with the result or a plain-data error. Message in: `cancel`.
 */
const port = parentPort!;
let cancelled = false;
port.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') cancelled = true;
});
port.postMessage({ type: 'started' });
runImport(workerData as ImportParams, {
  progress: (p) => port.postMessage({ type: 'progress', progress: p }),
  cancelled: () => cancelled,
}).then(
  (result) => port.postMessage({ type: 'done', ok: true, result }),
  (error: unknown) =>
    port.postMessage({
      type: 'done',
      ok: false,
      error:
        error instanceof AppError
          ? error.toContractError()
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    }),
);
