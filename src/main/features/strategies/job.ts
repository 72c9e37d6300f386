import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BacktestInput, runBacktest } from '../../../core/strategy/backtest';
import type { BacktestReportDto } from '../../../shared/contract/strategies';
import { AppError, type ContractError, ErrorCode } from '../../../shared/errors';
import { backtestReport } from './report';

/** What a job needs: the backtest input without its callbacks (it crosses to a worker). */
export type BacktestJobInput = Omit<BacktestInput, 'onProgress' | 'isCancelled' | 'afterBar'>;

export interface BacktestOutcome {
  status: 'completed' | 'cancelled';
  barsDone: number;
  report: BacktestReportDto;
}

export interface BacktestJob {
  result: Promise<BacktestOutcome>;
  cancel(): void;
}

/** Progress every this many bars: often enough to cancel within milliseconds. */
const PROGRESS_EVERY = 16_384;

/**
 * `backtest.worker` next to the bundle (electron-vite main input), else the .ts source beside
 * this module loaded through tsx (tests, the CLI from source). Undefined when neither exists.
 */
function startWorker(workerData: unknown): Worker | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'backtest.worker.js');
  if (existsSync(bundled)) return new Worker(bundled, { workerData });
  const source = join(here, 'backtest.worker.ts');
  if (!existsSync(source)) return undefined;
  const url = JSON.stringify(pathToFileURL(source).href);
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${url}, ${url}))`;
  return new Worker(code, { eval: true, workerData });
}

function runInProcess(
  input: BacktestJobInput,
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
): BacktestOutcome {
  const result = runBacktest({ ...input, onProgress, isCancelled: cancelled, progressEvery: PROGRESS_EVERY });
  return { status: result.status, barsDone: result.bars, report: backtestReport(result) };
}

/**
 * Runs a backtest in a worker thread (or in this thread when `inProcess` or no worker starts).
 * Cancel sets a shared flag the run polls at each progress step, so it stops mid-loop.
 */
export function startBacktestJob(
  input: BacktestJobInput,
  onProgress: (done: number, total: number) => void,
  options: { inProcess?: boolean } = {},
): BacktestJob {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const cancelled = () => Atomics.load(flag, 0) === 1;
  let worker: Worker | undefined;
  if (!options.inProcess) {
    try {
      worker = startWorker({ input, flag });
    } catch {
      worker = undefined;
    }
  }
  const inProcess = () =>
    new Promise<BacktestOutcome>((resolve, reject) => {
      // Next turn: the caller gets its handle (and can cancel) before the loop takes the thread.
      setImmediate(() => {
        try {
          resolve(runInProcess(input, onProgress, cancelled));
        } catch (error) {
          reject(error);
        }
      });
    });
  const result = !worker
    ? inProcess()
    : new Promise<BacktestOutcome>((resolve, reject) => {
        let settled = false;
        const w = worker!;
        w.on(
          'message',
          (m: {
            type: string;
            done?: number;
            total?: number;
            outcome?: BacktestOutcome;
            error?: ContractError;
          }) => {
            if (m.type === 'progress') onProgress(m.done!, m.total!);
            else if (m.type === 'done') {
              settled = true;
              if (m.outcome) resolve(m.outcome);
              else reject(new AppError(m.error!.code, m.error!.message, m.error!.details));
            }
          },
        );
        w.on('error', (error) => {
          if (settled) return;
          settled = true;
          reject(new AppError(ErrorCode.INTERNAL, `Backtest worker failed: ${error.message}`));
        });
        w.on('exit', (code) => {
          if (settled) return;
          settled = true;
          reject(new AppError(ErrorCode.INTERNAL, `Backtest worker exited with code ${code}`));
        });
      });
  return {
    result,
    cancel: () => Atomics.store(flag, 0, 1),
  };
}

export { PROGRESS_EVERY, runInProcess };
