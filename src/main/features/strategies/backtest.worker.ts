import { parentPort, workerData } from 'node:worker_threads';
import { GraphError } from '../../../core/strategy/evaluator';
import { type BacktestJobInput, runInProcess } from './job';

/**
 * Worker entry: one backtest off the main thread. Out: `progress` {done, total}, then `done`
 * with the outcome or a plain-data error. Cancel comes as a shared flag, read inside the loop.
 */
const port = parentPort!;
const { input, flag } = workerData as { input: BacktestJobInput; flag: Int32Array };
try {
  const outcome = runInProcess(
    input,
    (done, total) => port.postMessage({ type: 'progress', done, total }),
    () => Atomics.load(flag, 0) === 1,
  );
  port.postMessage({ type: 'done', outcome });
} catch (error) {
  port.postMessage({
    type: 'done',
    error:
      error instanceof GraphError
        ? { code: 'INVALID_INPUT', message: error.message, details: error.issues }
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
  });
} finally {
  port.close();
}
