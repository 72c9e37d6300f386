import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { type ImportParams, runImport } from './runner';

/**
 * Worker entry: runs one import off the main thread. Messages out: `progress`, then `done`
 * with the result or a plain-data error. Message in: `cancel`. Exits by itself after `done`.
 */
const port = parentPort!;
const { cancelFlag, ...params } = workerData as ImportParams & { cancelFlag?: Int32Array };
let cancelled = false;
port.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') cancelled = true;
});
port.postMessage({ type: 'started' });
let posted = false;
const postResult = (result: unknown) => {
  if (!posted) port.postMessage({ type: 'done', ok: true, result });
  posted = true;
};
runImport(params, {
  progress: (p) => port.postMessage({ type: 'progress', progress: p }),
  // The shared flag is seen even while the import never yields to the event loop.
  cancelled: () => cancelled || (cancelFlag !== undefined && Atomics.load(cancelFlag, 0) === 1),
  // The result goes out as soon as it is committed; the checkpoint then runs here, off the
  // caller's clock, and the worker exits when it is done (closing the port lets it).
  committed: postResult,
})
  .then(postResult, (error: unknown) =>
    port.postMessage({
      type: 'done',
      ok: false,
      error:
        error instanceof AppError
          ? error.toContractError()
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    }),
  )
  .finally(() => port.close());
