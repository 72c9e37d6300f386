import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Candle } from '../../../core/market/candle';
import type { BarColumns } from '../../../core/strategy/backtest';
import runOptimiseTask, { type OptimiseTask, type OptimiseTaskResult } from './optimise.worker';

/** Runs optimisation tasks; `destroy` ends its threads. */
export interface OptimisePool {
  run(task: OptimiseTask, signal: AbortSignal): Promise<OptimiseTaskResult>;
  destroy(): Promise<void>;
}

/**
 * `optimise.worker.js` next to the bundle (electron-vite main input, scripts/build-node.mjs),
 * else the .ts source beside this module with tsx registered in each thread (tests, the CLI
 * from source). Undefined when neither exists.
 */
function workerFile(): { filename: string; execArgv: string[] } | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'optimise.worker.js');
  if (existsSync(bundled)) return { filename: bundled, execArgv: [] };
  const source = join(here, 'optimise.worker.ts');
  if (!existsSync(source)) return undefined;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename: source, execArgv: ['--import', tsx] };
}

/** In this thread, one task at a time, each on its own turn so cancel and progress get through. */
function inProcessPool(): OptimisePool {
  let chain = Promise.resolve();
  return {
    run(task, signal) {
      const next = chain.then(
        () =>
          new Promise<OptimiseTaskResult>((resolve, reject) => {
            setImmediate(() => {
              if (signal.aborted) {
                reject(new DOMException('Cancelled', 'AbortError'));
                return;
              }
              try {
                resolve(runOptimiseTask(task));
              } catch (error) {
                reject(error);
              }
            });
          }),
      );
      chain = next.then(
        () => undefined,
        () => undefined,
      );
      return next;
    },
    destroy: async () => {},
  };
}

/**
 * A piscina pool of `threads` worker threads (every core by default), or this thread when
 * `inProcess` or no worker file is found. Threads start at once so the first sets do not wait
 * on one another's start.
 */
export function createOptimisePool(threads: number, inProcess: boolean): OptimisePool {
  const file = inProcess ? undefined : workerFile();
  if (!file) return inProcessPool();
  const piscina = new Piscina<OptimiseTask, OptimiseTaskResult>({
    filename: file.filename,
    execArgv: file.execArgv,
    minThreads: threads,
    maxThreads: threads,
    // One task per thread at a time: a queued set waits in the pool, not behind a busy thread.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  return {
    run: (task, signal) => piscina.run(task, { signal }),
    destroy: () => piscina.destroy(),
  };
}

/** Base bars as columns on shared memory: every thread reads the same bytes, none is copied. */
export function sharedBarColumns(candles: readonly Candle[]): BarColumns {
  const n = candles.length;
  const column = () => new Float64Array(new SharedArrayBuffer(n * 8));
  const out: BarColumns = {
    ts: column(),
    open: column(),
    high: column(),
    low: column(),
    close: column(),
    volume: column(),
  };
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    out.ts[i] = c.ts;
    out.open[i] = c.open;
    out.high[i] = c.high;
    out.low[i] = c.low;
    out.close[i] = c.close;
    out.volume[i] = c.volume;
  }
  return out;
}
