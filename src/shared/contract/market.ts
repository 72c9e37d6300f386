import { z } from 'zod';
import type { CandleDto, DatasetDto, ImportResultDto, InstrumentDto, JobDto } from '../dto';
import { TIMEFRAMES } from '../timeframes';
import { dataFolderPath, fileHandle } from './file-ref';
import { method } from './method';

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .transform((s) => s.toUpperCase());

/** The most bytes one `import:upload-append` carries (base64 makes the frame a third larger). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

const uploadId = z.string().min(1).max(64);

/**
 * Where the bytes of an import come from: a file handle (the desktop's open dialog, the CLI), a
 * path inside a subfolder of the data folder, a file the page sent in pieces (`uploadId`, browser
 * mode and dropped files), or the text itself (small files: the preview's first 64 KiB, the
 * automation API). See file-ref.ts.
 */
const importSource = z.union([
  z.object({ handle: fileHandle }).strict(),
  z.object({ path: dataFolderPath }).strict(),
  z.object({ uploadId }).strict(),
  z.object({ fileName: z.string().min(1).max(260), content: z.string() }).strict(),
]);

/** Column indices (0-based) a trader may set in the preview when detection guessed wrong. */
const columnMap = z
  .object({
    date: z.number().int().min(0),
    time: z.number().int().min(0),
    open: z.number().int().min(0),
    high: z.number().int().min(0),
    low: z.number().int().min(0),
    close: z.number().int().min(0),
    volume: z.number().int().min(0),
    bid: z.number().int().min(0),
    ask: z.number().int().min(0),
  })
  .partial()
  .strict();

export const importOptions = z
  .object({
    /** Guessed from the file name when absent. */
    symbol: symbol.optional(),
    /** 'auto' (default) or a format id: mt4, mt5, histdata, histdata-tick, dukascopy, … */
    format: z.string().optional(),
    /** Source zone when stamps carry no offset: IANA name or fixed offset ('+02:00', 'UTC-05:00'). */
    tz: z.string().optional(),
    timeframe: z.enum(TIMEFRAMES).optional(),
    skipInvalid: z.boolean().optional(),
    layout: z
      .object({
        delimiter: z.enum([',', ';', '\t', '|']).optional(),
        columns: columnMap.optional(),
        dayFirst: z.boolean().optional(),
        decimalComma: z.boolean().optional(),
        headerLines: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** What an import would do, from the file's first 64 KiB (import:preview). */
export interface ImportPreviewDto {
  fileName: string;
  symbol: string | null;
  format: string;
  kind: 'bars' | 'ticks';
  timezone: string;
  timeframe: (typeof TIMEFRAMES)[number];
  delimiter: string;
  decimalComma: boolean;
  dayFirst: boolean;
  header: string[] | null;
  columns: Record<string, number>;
  /** The first candles as they will be stored (UTC seconds, bid prices). */
  candles: CandleDto[];
  /** Invalid lines among the sampled ones. */
  issues: { line: number; reason: string }[];
  /** Nothing in the file says its zone: `timezone` is a guess to confirm (Time zone of the file). */
  timezoneAssumed: boolean;
  /** Header columns the import will not read. */
  ignoredColumns: string[];
}

/** A dataset as `dataset inspect` shows it: its files and the gaps in its data. */
export interface DatasetDetailDto extends DatasetDto {
  files: { id: string; path: string; size: number; md5: string; uploadedAt: number }[];
  /** Missing periods longer than the market's normal closures (first 1,000). */
  gaps: { fromTs: number; toTs: number }[];
  gapCount: number;
}

const instrumentInput = z
  .object({
    id: z.string().min(1).optional(),
    symbol,
    displayName: z.string().trim().min(1).max(64),
    digits: z.number().int().min(0).max(10),
    pipSize: z.number().positive(),
    contractSize: z.number().positive(),
    baseCurrency: z.string().trim().min(1).max(12),
    quoteCurrency: z
      .string()
      .trim()
      .min(3)
      .max(3)
      .transform((s) => s.toUpperCase()),
    minLot: z.number().positive().max(1000).optional(),
    lotStep: z.number().positive().max(1000).optional(),
    /** Swap at each rollover (README "Swap"); null switches it off. */
    swap: z
      .object({
        mode: z.enum(['points', 'percent']),
        long: z.number().finite().min(-1e6).max(1e6),
        short: z.number().finite().min(-1e6).max(1e6),
        tripleWeekday: z.number().int().min(0).max(6).default(3),
      })
      .strict()
      .nullable()
      .optional(),
    /**
     * Spread by UTC hour (24 values) plus weekday (7, Sunday first), widened to `rolloverPts` within
     * `rolloverMinutes` of the rollover, in points (README "Spread"); used where a bar has no
     * spread of its own; null switches it off.
     */
    spreadSchedule: z
      .object({
        hourPts: z.array(z.number().int().min(0).max(1e6)).length(24),
        weekdayPts: z.array(z.number().int().min(-1e6).max(1e6)).length(7),
        rolloverPts: z.number().int().min(0).max(1e6),
        rolloverMinutes: z.number().int().min(0).max(720),
      })
      .strict()
      .nullable()
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const marketMethods = {
  'instruments:list': method<InstrumentDto[]>()(z.object({}).strict()),
  /** Adds an instrument, or edits the one with `id`. */
  'instruments:save': method<InstrumentDto>()(instrumentInput),
  /**
   * Begins sending a file the main process cannot open itself (a browser's file box, a drop):
   * its pieces follow with `import:upload-append`, then `import:start` takes `{ uploadId }`.
   */
  'import:upload-open': method<{ uploadId: string }>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(260),
        sizeBytes: z
          .number()
          .int()
          .min(0)
          .max(2 ** 40),
      })
      .strict(),
  ),
  /** One piece of the file, in order: `offset` is the bytes sent before it. */
  'import:upload-append': method<{ receivedBytes: number }>()(
    z
      .object({
        uploadId,
        offset: z.number().int().min(0),
        base64: z
          .string()
          .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 text'),
      })
      .strict(),
  ),
  'import:preview': method<ImportPreviewDto>()(
    z.object({ source: importSource, options: importOptions.partial() }).strict(),
  ),
  'import:start': method<JobDto>()(z.object({ source: importSource, options: importOptions }).strict()),
  'import:cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
  /** Runs an import to completion and returns its result (CLI and tests; the UI uses import:start). */
  'import:run': method<ImportResultDto>()(
    z.object({ source: importSource, options: importOptions }).strict(),
  ),
  'datasets:list': method<DatasetDto[]>()(z.object({}).strict()),
  'datasets:delete': method<{ deleted: boolean }>()(z.object({ datasetId: z.string().min(1) }).strict()),
  /** One dataset with its files and gap report. */
  'datasets:get': method<DatasetDetailDto>()(z.object({ datasetId: z.string().min(1) }).strict()),
  'datasets:set-active': method<DatasetDto>()(
    z.object({ datasetId: z.string().min(1), active: z.boolean() }).strict(),
  ),
  'candles:list': method<CandleDto[]>()(
    z
      .object({
        symbol,
        timeframe: z.enum(TIMEFRAMES),
        fromTs: z.number().int().optional(),
        toTs: z.number().int().optional(),
        limit: z.number().int().positive().max(1_000_000).optional(),
        /** With a limit: 'desc' takes the newest bars (returned oldest first all the same). */
        order: z.enum(['asc', 'desc']).optional(),
        /** D1/W1 boundary: 00:00 UTC (default) or 17:00 New York. */
        dailyClose: z.enum(['utc', 'new-york-close']).optional(),
        /** W1 start day, 0 = Sunday … 6 = Saturday; default 1 (Monday). */
        weekStart: z.number().int().min(0).max(6).optional(),
      })
      .strict(),
  ),
};
