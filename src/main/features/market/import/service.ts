import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LayoutOverrides } from '../../../../core/import/detect';
import { isFormatId } from '../../../../core/import/format';
import type { ImportResultDto, InstrumentDto, JobProgressDto } from '../../../../shared/dto';
import { AppError, ErrorCode } from '../../../../shared/errors';
import type { Timeframe } from '../../../../shared/timeframes';
import type { MarketDeps } from '../deps';
import { deleteInstrumentWithoutData, findInstrument, guessSymbol, requireInstrument } from '../instruments';
import { type ImportJob, startImportJob } from './job';
import { createInstrumentFromData } from './new-instrument';
import { type ImportParams, resolveSetup } from './runner';
import { createSeriesQueue } from './series-queue';
import type { Uploads } from './uploads';

export type ImportSource =
  | { handle: string }
  | { path: string }
  | { uploadId: string }
  | { fileName: string; content: string };

export interface ImportOptions {
  symbol?: string;
  format?: string;
  tz?: string;
  timeframe?: Timeframe;
  skipInvalid?: boolean;
  layout?: Omit<LayoutOverrides, 'format'>;
}

/** A source on disk: browser uploads arrive as text and are written to a temp file first. */
export interface MaterializedSource {
  path: string;
  displayName: string;
  dispose(): void;
}

type UploadedSource = Extract<ImportSource, { content: string }>;
type SentSource = Extract<ImportSource, { uploadId: string }>;
const isUpload = (source: ImportSource): source is UploadedSource => 'content' in source;
const isSent = (source: ImportSource): source is SentSource => 'uploadId' in source;

/**
 * The file a handle or data-folder path stands for (anything else is refused, naming the field);
 * it must exist.
 */
function sourcePath(ctx: MarketDeps, source: Exclude<ImportSource, UploadedSource | SentSource>): string {
  const path = ctx.files.resolve(source, 'read', 'source');
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new AppError(ErrorCode.NOT_FOUND, `File not found: ${path}`, { file: path });
  }
  return path;
}

/** The name the trader knows the source by: the file's path, or an upload's name. */
function sourceName(ctx: MarketDeps, uploads: Uploads, source: ImportSource): string {
  if (isSent(source)) return uploads.fileName(source.uploadId);
  return isUpload(source) ? basename(source.fileName) : sourcePath(ctx, source);
}

export function materialize(ctx: MarketDeps, uploads: Uploads, source: ImportSource): MaterializedSource {
  if (isSent(source)) {
    const { path, fileName } = uploads.take(source.uploadId);
    return { path, displayName: fileName, dispose: () => rmSync(path, { force: true }) };
  }
  if (!isUpload(source)) {
    const path = sourcePath(ctx, source);
    return { path, displayName: path, dispose: () => {} };
  }
  const dir = join(ctx.dataDir, 'import-uploads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${ctx.newId()}-${basename(source.fileName).replace(/[^\w.-]/g, '_')}`);
  writeFileSync(path, source.content);
  return { path, displayName: basename(source.fileName), dispose: () => rmSync(path, { force: true }) };
}

export function resolveInstrument(ctx: MarketDeps, fileName: string, symbol?: string): InstrumentDto {
  if (symbol) return requireInstrument(ctx.store, symbol);
  const guessed = guessSymbol(ctx.store, fileName);
  if (!guessed) {
    throw new AppError(
      ErrorCode.UNKNOWN_SYMBOL,
      `Cannot tell the instrument from the file name ${basename(fileName)}: give the symbol (--symbol)`,
      { file: fileName },
    );
  }
  return guessed;
}

function checkFormat(format: string | undefined): void {
  if (format && format !== 'auto' && !isFormatId(format)) {
    throw new AppError(ErrorCode.INVALID_INPUT, `Unknown format "${format}"`, { field: 'format' });
  }
}

interface RunningJob {
  cancel(): void;
}

/**
 * Imports as jobs: `start` returns at once and reports through `job:progress` (at most ~10 a
 * second) then `job:done`; `run` awaits the same job. Parsing and storing run in a worker.
 */
export function createImportService(
  ctx: MarketDeps,
  uploads: Uploads,
  options: { forceInProcess?: boolean } = {},
) {
  const jobs = new Map<string, RunningJob>();

  const inSeries = createSeriesQueue();

  /** The series an import writes to: the timeframe given, else the one its first 64 KiB show. */
  async function seriesKey(
    material: MaterializedSource,
    instrumentId: string,
    o: ImportOptions,
    jobId: string,
  ) {
    const timeframe =
      o.timeframe ??
      (await resolveSetup(material.path, material.displayName, o).then(
        (setup) => setup.timeframe,
        // A file whose layout cannot be told fails in the job with the very same error; it
        // writes nothing, so it waits for no one.
        () => null,
      ));
    return timeframe ? `${instrumentId}:${timeframe}` : `unknown:${jobId}`;
  }

  async function launch(source: ImportSource, o: ImportOptions, jobId: string) {
    checkFormat(o.format);
    const material = materialize(ctx, uploads, source);
    try {
      // A symbol the catalogue lacks is added from the data (the CLI's --symbol, the automation API).
      const known = o.symbol ? findInstrument(ctx.store, o.symbol) : undefined;
      const created =
        o.symbol && !known
          ? await createInstrumentFromData(ctx, material.path, material.displayName, o.symbol, o)
          : null;
      const instrument = known ?? created ?? resolveInstrument(ctx, material.displayName, o.symbol);
      const key = await seriesKey(material, instrument.id, o, jobId);
      const params: ImportParams = {
        dbFile: join(ctx.dataDir, 'tickstep.db'),
        path: material.path,
        displayName: material.displayName,
        instrumentId: instrument.id,
        symbol: instrument.symbol,
        format: o.format,
        tz: o.tz,
        timeframe: o.timeframe,
        skipInvalid: o.skipInvalid,
        layout: o.layout,
        newDatasetId: ctx.newId(),
        newFileId: ctx.newId(),
        nowSeconds: ctx.clock.nowSeconds(),
        userId: ctx.userId,
      };
      let cancelled = false;
      let running: ImportJob | undefined;
      jobs.set(jobId, {
        cancel: () => {
          cancelled = true;
          running?.cancel();
        },
      });
      // A second import of the same series waits here for the first, then merges into its dataset.
      const result = inSeries(key, () => {
        if (cancelled) {
          return Promise.reject(
            new AppError(ErrorCode.IMPORT_CANCELLED, `Import of ${material.displayName} cancelled`),
          );
        }
        const started = performanceNow();
        let lastEmit = 0;
        running = startImportJob(
          params,
          (p) => {
            const now = performanceNow();
            if (now - lastEmit < 100 && p.bytes < p.totalBytes) return;
            lastEmit = now;
            const progress: JobProgressDto = {
              jobId,
              kind: 'import',
              rows: p.rows,
              bytes: p.bytes,
              totalBytes: p.totalBytes,
              percent:
                p.totalBytes > 0 ? Math.min(100, Math.round((p.bytes / p.totalBytes) * 1000) / 10) : 100,
              rowsPerSecond: Math.round(p.rows / Math.max(0.001, (now - started) / 1000)),
            };
            ctx.events.emit('job:progress', progress);
          },
          options,
        );
        return running.result;
      })
        .then(
          (value): ImportResultDto => ({
            ...value,
            instrumentCreated: created
              ? {
                  symbol: created.symbol,
                  displayName: created.displayName,
                  digits: created.digits,
                  pipSize: created.pipSize,
                  contractSize: created.contractSize,
                  baseCurrency: created.baseCurrency,
                  quoteCurrency: created.quoteCurrency,
                }
              : null,
          }),
          (error: unknown) => {
            // Nothing was stored: the instrument made for it goes too.
            if (created) deleteInstrumentWithoutData(ctx.store, created.id);
            throw error;
          },
        )
        .finally(() => {
          jobs.delete(jobId);
          material.dispose();
        });
      return { result };
    } catch (error) {
      material.dispose();
      throw error;
    }
  }

  return {
    /**
     * The instrument an import would add data to, checked the way `start` and `run` check it
     * (format, file, symbol), for the plan gate: more data for one that has some is always allowed.
     */
    target(source: ImportSource, o: ImportOptions): { instrumentId?: string; symbol?: string } {
      checkFormat(o.format);
      // An unknown symbol will be a new instrument: counted as one by the plan.
      if (o.symbol && !findInstrument(ctx.store, o.symbol)) return { symbol: o.symbol };
      return { instrumentId: resolveInstrument(ctx, sourceName(ctx, uploads, source), o.symbol).id };
    },
    /** Starts an import job; the outcome arrives as a `job:done` event. */
    async start(source: ImportSource, o: ImportOptions): Promise<{ jobId: string }> {
      const jobId = ctx.newId();
      const { result } = await launch(source, o, jobId);
      result.then(
        (value) => ctx.events.emit('job:done', { jobId, kind: 'import', ok: true, result: value }),
        (error: unknown) =>
          ctx.events.emit('job:done', {
            jobId,
            kind: 'import',
            ok: false,
            error:
              error instanceof AppError
                ? error.toContractError()
                : {
                    code: ErrorCode.INTERNAL,
                    message: error instanceof Error ? error.message : String(error),
                  },
          }),
      );
      return { jobId };
    },
    /** Runs an import to completion (CLI, tests), still through a job and its events. */
    async run(source: ImportSource, o: ImportOptions): Promise<ImportResultDto> {
      const jobId = ctx.newId();
      const { result } = await launch(source, o, jobId);
      try {
        const value = await result;
        ctx.events.emit('job:done', { jobId, kind: 'import', ok: true, result: value });
        return value;
      } catch (error) {
        if (error instanceof AppError) {
          ctx.events.emit('job:done', { jobId, kind: 'import', ok: false, error: error.toContractError() });
        }
        throw error;
      }
    },
    cancel(jobId: string): { cancelled: boolean } {
      const job = jobs.get(jobId);
      job?.cancel();
      return { cancelled: Boolean(job) };
    },
    /** Cancels every running job (app shutdown). */
    dispose(): void {
      for (const job of jobs.values()) job.cancel();
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

const performanceNow = () => performance.now();
