import type { Worker } from 'node:worker_threads';
import type { ImportResultDto } from '../../../../shared/dto';
import { AppError, type ContractError, ErrorCode } from '../../../../shared/errors';
import { type ImportParams, type ImportProgress, runImport } from './runner';
import { startWorker } from './worker-entry';

export interface ImportJob {
  result: Promise<ImportResultDto>;
  cancel(): void;
  /** 'worker' or 'in-process' (the fallback when no worker could start). */
  readonly mode: () => 'worker' | 'in-process';
}

const toError = (e: ContractError) => new AppError(e.code, e.message, e.details);

/**
 * Starts an import in a worker thread; when the worker cannot start (no entry file, a loader
 * missing), the very same code runs in-process so an import never fails for that reason.
 */
export function startImportJob(
  params: ImportParams,
  onProgress: (p: ImportProgress) => void,
  options: { forceInProcess?: boolean } = {},
): ImportJob {
  let cancelled = false;
  // Shared with the worker: a busy import drains queued batches without ever turning its event
  // loop, so a `cancel` message could arrive only after the commit. The flag is read in place.
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  let mode: 'worker' | 'in-process' = 'worker';
  let worker: Worker | undefined;
  const inProcess = () => {
    mode = 'in-process';
    return runImport(params, { progress: onProgress, cancelled: () => cancelled });
  };
  try {
    worker = options.forceInProcess
      ? undefined
      : startWorker('import.worker', { workerData: { ...params, cancelFlag } });
  } catch {
    worker = undefined;
  }
  const result = !worker
    ? inProcess()
    : new Promise<ImportResultDto>((resolve, reject) => {
        let started = false;
        let settled = false;
        const w = worker!;
        w.on(
          'message',
          (m: {
            type: string;
            progress?: ImportProgress;
            ok?: boolean;
            result?: ImportResultDto;
            error?: ContractError;
          }) => {
            if (m.type === 'started') {
              started = true;
              if (cancelled) w.postMessage({ type: 'cancel' });
            } else if (m.type === 'progress') onProgress(m.progress!);
            else if (m.type === 'done') {
              settled = true;
              if (m.ok) resolve(m.result!);
              else reject(toError(m.error!));
              // Not terminated: after a success it is checkpointing the WAL, then exits.
              w.unref();
            }
          },
        );
        w.on('error', (error) => {
          if (settled) return;
          settled = true;
          if (!started) inProcess().then(resolve, reject);
          else reject(new AppError(ErrorCode.INTERNAL, `Import worker failed: ${error.message}`));
        });
        w.on('exit', (code) => {
          if (settled) return;
          settled = true;
          if (!started) inProcess().then(resolve, reject);
          else reject(new AppError(ErrorCode.INTERNAL, `Import worker exited with code ${code}`));
        });
      });
  return {
    result,
    cancel: () => {
      cancelled = true;
      Atomics.store(cancelFlag, 0, 1);
      worker?.postMessage({ type: 'cancel' });
    },
    mode: () => mode,
  };
}
