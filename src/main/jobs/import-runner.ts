import { statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { DetectError, detectLayout, type LayoutOverrides } from '../../core/import/detect';
import type { ImportLayout } from '../../core/import/format';
import {
  type CandleBatch,
  describeZone,
  RowInterpreter,
  type RowIssue,
} from '../../core/import/row-interpreter';
import { resolveZone, type SourceZone } from '../../core/import/time-zone';
import { inferTimeframe } from '../../core/market/infer-timeframe';
import type { ImportResultDto } from '../../shared/dto';
import { AppError, ErrorCode } from '../../shared/errors';
import type { Timeframe } from '../../shared/timeframes';
import { CacheBuilder, rebuildCache } from './cache-builder';
import { CandleWriter } from './candle-writer';
import { readLines, readSample } from './file-chunks';

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

const fail = (code: keyof typeof ErrorCode, message: string, details?: unknown): never => {
  throw new AppError(ErrorCode[code], message, details);
};

/** Detects layout, zone and timeframe from the file's first 64 KiB (shared by preview and import). */
export async function resolveSetup(
  path: string,
  displayName: string,
  o: Pick<ImportParams, 'format' | 'tz' | 'timeframe' | 'layout' | 'skipInvalid'>,
): Promise<ResolvedSetup> {
  const sample = await readSample(path);
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
  let timeframe = o.timeframe;
  if (!timeframe) {
    if (layout.kind === 'ticks') timeframe = 'M1';
    else {
      const times: number[] = [];
      const issues: { line: number; reason: string }[] = [];
      const probe = new RowInterpreter(layout, zone, {
        batch: (b) => {
          for (let i = 0; i < b.count; i++) times.push(b.ts[i]!);
        },
        issue: (issue) => issues.push(issue) < MAX_REPORTED_ISSUES,
      });
      const rows = parseText(stripLastLine(sample), layout, newline);
      probe.push(rows.slice(layout.headerLines), layout.headerLines + 1);
      probe.end();
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
  return { layout, zone, timeframe, sample, newline };
}

function stripLastLine(sample: string): string {
  const cut = sample.lastIndexOf('\n');
  return cut < 0 ? sample : sample.slice(0, cut);
}

export function parseText(text: string, layout: ImportLayout, newline: string): string[][] {
  let body = text;
  if (body.endsWith(newline)) body = body.slice(0, -newline.length);
  return Papa.parse<string[]>(body, { delimiter: layout.delimiter, newline: newline as '\n', quoteChar: '"' })
    .data;
}

/**
 * Imports one file in one transaction on its own connection: a failed or cancelled import
 * rolls back, leaving no dataset, candles, cache or file row. Merges into the existing dataset
 * of the same instrument and timeframe.
 */
export async function runImport(p: ImportParams, hooks: ImportHooks): Promise<ImportResultDto> {
  const totalBytes = statSync(p.path).size;
  const setup = await resolveSetup(p.path, p.displayName, p);

  const db = new Database(p.dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  try {
    return await importInto(db, p, hooks, setup, totalBytes);
  } finally {
    db.close();
  }
}

async function importInto(
  db: Database.Database,
  p: ImportParams,
  hooks: ImportHooks,
  setup: ResolvedSetup,
  totalBytes: number,
): Promise<ImportResultDto> {
  const { layout, zone, timeframe, newline } = setup;
  const existing = db
    .prepare('select id from datasets where instrument_id = ? and timeframe = ?')
    .get(p.instrumentId, timeframe) as { id: string } | undefined;
  const datasetId = existing?.id ?? p.newDatasetId;
  const issues: RowIssue[] = [];
  const skipped: RowIssue[] = [];
  const onIssue = (issue: RowIssue): boolean => {
    if (p.skipInvalid) {
      skipped.push(issue);
      return true;
    }
    issues.push(issue);
    return issues.length < MAX_REPORTED_ISSUES;
  };
  db.exec('begin immediate');
  let committed = false;
  try {
    // File and dataset rows first: the cache chunks written while streaming reference them.
    db.prepare(
      'insert into files (id, owner_id, entity_id, path, size, md5, uploaded_at, created_at, updated_at) values (?,?,?,?,?,?,?,?,?)',
    ).run(
      p.newFileId,
      p.userId,
      datasetId,
      p.displayName,
      totalBytes,
      '',
      p.nowSeconds,
      p.nowSeconds,
      p.nowSeconds,
    );
    if (!existing) {
      db.prepare(
        `insert into datasets (id, instrument_id, timeframe, uploaded_by_user_id, uploaded_at, records_count, file_id,
           format, timezone, is_active, start_ts, end_ts, created_at, updated_at) values (?,?,?,?,?,0,?,?,?,1,0,0,?,?)`,
      ).run(
        datasetId,
        p.instrumentId,
        timeframe,
        p.userId,
        p.nowSeconds,
        p.newFileId,
        layout.format,
        zone.name,
        p.nowSeconds,
        p.nowSeconds,
      );
    }
    const writer = new CandleWriter(db, p.instrumentId, timeframe, (issue) => onIssue(issue));
    let cache: CacheBuilder | undefined = existing ? undefined : new CacheBuilder(db, datasetId, timeframe);
    const interpreter = new RowInterpreter(layout, zone, {
      batch: (b: CandleBatch) => {
        writer.write(b);
        if (cache && interpreter.ascending) {
          for (let i = 0; i < b.count; i++)
            cache.push(b.ts[i]!, b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, b.volume[i]!);
        } else cache = undefined;
      },
      issue: onIssue,
    });
    const md5: { digest?: string } = {};
    let line = 1;
    let headerLeft = layout.headerLines;
    let lastProgress = 0;
    for await (const piece of readLines(p.path, md5)) {
      if (hooks.cancelled()) fail('IMPORT_CANCELLED', `Import of ${p.displayName} cancelled`);
      let rows = parseText(piece.text, layout, newline);
      if (headerLeft > 0) {
        const skip = Math.min(headerLeft, rows.length);
        rows = rows.slice(skip);
        line += skip;
        headerLeft -= skip;
      }
      interpreter.push(rows, line);
      line += rows.length;
      if (interpreter.isStopped || (!p.skipInvalid && issues.length >= MAX_REPORTED_ISSUES)) break;
      if (piece.bytes - lastProgress >= 1 << 20 || piece.bytes === totalBytes) {
        lastProgress = piece.bytes;
        hooks.progress({ rows: interpreter.rows, bytes: piece.bytes, totalBytes });
      }
    }
    interpreter.end();
    if (issues.length > 0) {
      const first = issues[0]!;
      fail(
        'IMPORT_INVALID',
        `${p.displayName}: line ${first.line}: ${first.reason}${issues.length > 1 ? ` (and ${issues.length - 1} more invalid line${issues.length > 2 ? 's' : ''}; nothing was imported, use --skip-invalid to import the valid rows)` : ' (nothing was imported; use --skip-invalid to import the valid rows)'}`,
        { file: p.displayName, issues },
      );
    }
    if (writer.inserted === 0 && writer.duplicates === 0) {
      fail('IMPORT_INVALID', `${p.displayName}: no valid candles found`, { file: p.displayName, skipped });
    }
    const digest = md5.digest ?? '';
    const same = db
      .prepare(
        'select f.path, d.id as datasetId from files f join datasets d on d.id = f.entity_id where f.md5 = ? and f.size = ? and f.id <> ?',
      )
      .get(digest, totalBytes, p.newFileId) as { path: string; datasetId: string } | undefined;
    if (same) {
      fail(
        'IMPORT_DUPLICATE_FILE',
        `${p.displayName} was already imported (as ${same.path}, dataset ${same.datasetId})`,
        {
          file: p.displayName,
          datasetId: same.datasetId,
        },
      );
    }
    const stats = db
      .prepare(
        'select count(*) as n, min(ts) as startTs, max(ts) as endTs from candles where instrument_id = ? and timeframe = ?',
      )
      .get(p.instrumentId, timeframe) as { n: number; startTs: number; endTs: number };
    db.prepare('update files set size = ?, md5 = ? where id = ?').run(totalBytes, digest, p.newFileId);
    db.prepare(
      'update datasets set records_count = ?, start_ts = ?, end_ts = ?, updated_at = ?, timezone = coalesce(?, timezone) where id = ?',
    ).run(
      stats.n,
      stats.startTs,
      stats.endTs,
      p.nowSeconds,
      existing ? null : describeZone(interpreter.zoneUse, zone),
      datasetId,
    );
    if (cache) cache.end();
    else rebuildCache(db, datasetId, p.instrumentId, timeframe);
    if (hooks.cancelled()) fail('IMPORT_CANCELLED', `Import of ${p.displayName} cancelled`);
    db.exec('commit');
    committed = true;
    hooks.progress({ rows: interpreter.rows, bytes: totalBytes, totalBytes });
    return {
      datasetId,
      symbol: p.symbol,
      timeframe,
      format: layout.format,
      timezone: describeZone(interpreter.zoneUse, zone),
      rows: writer.inserted,
      skipped: skipped.length,
      duplicates: writer.duplicates,
      startTs: stats.startTs,
      endTs: stats.endTs,
      md5: digest,
      skippedLines: skipped,
    };
  } finally {
    if (!committed) db.exec('rollback');
  }
}

/** The file name without folders, as recorded for browser uploads. */
export const displayNameOf = (path: string) => basename(path);
