import { basename } from 'node:path';
import { DetectError, detectLayout, type LayoutOverrides, looksBinary } from '../../../../core/import/detect';
import type { ImportLayout } from '../../../../core/import/format';
import { RowInterpreter } from '../../../../core/import/row-interpreter';
import { resolveZone, type SourceZone } from '../../../../core/import/time-zone';
import { inferTimeframe } from '../../../../core/market/infer-timeframe';
import type { ImportResultDto } from '../../../../shared/dto';
import { AppError, ErrorCode } from '../../../../shared/errors';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../../shared/timeframes';
import { scanDayOrder } from './day-order-scan';
import { readSample } from './file-chunks';
import { parseText } from './parse-text';

/** Everything an import needs, as plain data so it can cross into a worker thread. */
export interface ImportParams {
  dbFile: string;
  path: string;
  /** The name shown in messages and recorded (browser uploads are read from a temp copy). */
  displayName: string;
  instrumentId: string;
  symbol: string;
  format?: string;
  tz?: string;
  timeframe?: Timeframe;
  skipInvalid?: boolean;
  layout?: Omit<LayoutOverrides, 'format'>;
  /** Parse on a second worker thread, overlapping the inserts (default true). */
  parseThread?: boolean;
  /** Ids and time made by the caller's context, so tests stay deterministic. */
  newDatasetId: string;
  newFileId: string;
  nowSeconds: number;
  userId: string;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportHooks {
  progress(p: ImportProgress): void;
  cancelled(): boolean;
  /** The import is committed and visible; called before the WAL checkpoint that follows. */
  committed?(result: ImportResultDto): void;
}

/** Strict mode reports this many invalid lines, then stops reading. */
export const MAX_REPORTED_ISSUES = 20;

export interface ResolvedSetup {
  layout: ImportLayout;
  zone: SourceZone;
  timeframe: Timeframe;
  sample: string;
  newline: string;
}

export const fail = (code: keyof typeof ErrorCode, message: string, details?: unknown): never => {
  throw new AppError(ErrorCode[code], message, details);
};

/** Detects layout, zone and timeframe from the file's first 64 KiB (shared by preview and import). */
export async function resolveSetup(
  path: string,
  displayName: string,
  o: Pick<ImportParams, 'format' | 'tz' | 'timeframe' | 'layout' | 'skipInvalid'>,
): Promise<ResolvedSetup> {
  const sample = await readSample(path);
  if (looksBinary(sample)) {
    fail('IMPORT_INVALID', `${basename(displayName)} is not a text file: pick a CSV or TXT export`, {
      file: displayName,
    });
  }
  let layout: ImportLayout;
  try {
    const format = o.format && o.format !== 'auto' ? o.format : undefined;
    layout = detectLayout(sample, { ...o.layout, ...(format ? { format: format as never } : {}) });
  } catch (error) {
    if (error instanceof DetectError) fail('IMPORT_INVALID', `${displayName}: ${error.message}`);
    throw error;
  }
  const zoneName = o.tz ?? layout.defaultZone;
  const zone =
    resolveZone(zoneName) ??
    fail(
      'INVALID_INPUT',
      `Unknown time zone "${zoneName}" (use an IANA name such as Europe/London or an offset such as +02:00)`,
    );
  const newline = sample.includes('\r\n') ? '\r\n' : sample.includes('\n') ? '\n' : '\r';
  if (layout.dayOrderGuessed) {
    const dayFirst = await scanDayOrder(path, layout, newline);
    layout = { ...layout, dayFirst: dayFirst ?? layout.dayFirst, dayOrderGuessed: dayFirst === undefined };
  }
  let timeframe = o.timeframe;
  if (!timeframe) {
    if (layout.kind === 'ticks') timeframe = 'M1';
    else {
      // Rows rejected at the top of a file say nothing about the step: look further before guessing.
      let probed = probeTimes(sample, layout, zone, newline);
      for (const bytes of [1 << 20, 8 << 20]) {
        if (inferTimeframe(probed.times) || probed.issues.length === 0) break;
        probed = probeTimes(await readSample(path, bytes), layout, zone, newline);
      }
      const { times, issues, probe } = probed;
      timeframe = inferTimeframe(times);
      if (!timeframe) {
        if (issues.length > 0 && !o.skipInvalid) {
          const first = issues[0]!;
          fail(
            'IMPORT_INVALID',
            `${displayName}: line ${first.line}: ${first.reason} (nothing was imported)`,
            {
              file: displayName,
              issues,
            },
          );
        }
        // One bar alone says nothing about its length: a date is a day, anything else a minute.
        timeframe = probe.zoneUse.dateOnly ? 'D1' : 'M1';
      }
    }
  }
  // End-of-bar labels (Stooq intraday): each bar back by its length, to its open. A daily or
  // longer bar's label is its date, which stays.
  if (layout.barEndLabels && TIMEFRAME_SECONDS[timeframe] < TIMEFRAME_SECONDS.D1) {
    layout = { ...layout, labelShiftSeconds: TIMEFRAME_SECONDS[timeframe] };
  }
  return { layout, zone, timeframe, sample, newline };
}

/** Stamps of the sample's rows (and its invalid lines), for timeframe inference. */
function probeTimes(sample: string, layout: ImportLayout, zone: SourceZone, newline: string) {
  const times: number[] = [];
  const issues: { line: number; reason: string }[] = [];
  const probe = new RowInterpreter(layout, zone, {
    batch: (b) => {
      for (let i = 0; i < b.count; i++) times.push(b.ts[i]!);
    },
    // Never stops: the rows after a run of bad lines are the ones that tell the step.
    issue: (issue) => {
      if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
      return true;
    },
  });
  const rows = parseText(stripLastLine(sample), layout, newline);
  probe.push(rows.slice(layout.headerLines), layout.headerLines + 1);
  probe.end();
  return { times, issues, probe };
}

function stripLastLine(sample: string): string {
  const cut = sample.lastIndexOf('\n');
  return cut < 0 ? sample : sample.slice(0, cut);
}

export { parseText };
