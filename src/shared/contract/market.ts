import { z } from 'zod';
import type { CandleDto, DatasetDto, ImportResultDto, InstrumentDto, JobDto } from '../dto';
import { TIMEFRAMES } from '../timeframes';
import { method } from './method';

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .transform((s) => s.toUpperCase());

/** Where the bytes of an import come from: a path (desktop, CLI) or the text itself (browser mode). */
const importSource = z.union([
  z.object({ path: z.string().min(1) }).strict(),
  z.object({ fileName: z.string().min(1).max(260), content: z.string() }).strict(),
]);

export const importOptions = z
  .object({
    symbol,
    format: z.string().optional(),
    tz: z.string().optional(),
    timeframe: z.enum(TIMEFRAMES).optional(),
    skipInvalid: z.boolean().optional(),
  })
  .strict();

export const marketMethods = {
  'instruments:list': method<InstrumentDto[]>()(z.object({}).strict()),
  'import:start': method<JobDto>()(z.object({ source: importSource, options: importOptions }).strict()),
  'import:cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
  /** Runs an import to completion and returns its result (CLI and tests; the UI uses import:start). */
  'import:run': method<ImportResultDto>()(
    z.object({ source: importSource, options: importOptions }).strict(),
  ),
  'datasets:list': method<DatasetDto[]>()(z.object({}).strict()),
  'datasets:delete': method<{ deleted: boolean }>()(z.object({ datasetId: z.string().min(1) }).strict()),
  'candles:list': method<CandleDto[]>()(
    z
      .object({
        symbol,
        timeframe: z.enum(TIMEFRAMES),
        fromTs: z.number().int().optional(),
        toTs: z.number().int().optional(),
        limit: z.number().int().positive().max(1_000_000).optional(),
      })
      .strict(),
  ),
};
