import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describeZone, type RowIssue, type ZoneUse } from '../../../../core/import/row-interpreter';
import type { ImportResultDto } from '../../../../shared/dto';
import { cacheChunkWriter, rebuildCache } from './cache-builder';
import { CandleWriter } from './candle-writer';
import { openParseSource } from './parse-source';
import { zoneUseOf } from './parse-stream';
import {
  fail,
  type ImportHooks,
  type ImportParams,
  MAX_REPORTED_ISSUES,
  type ResolvedSetup,
  resolveSetup,
} from './runner-setup';
import { SpreadWriter } from './spread-writer';

export * from './runner-setup';

/**
 * Imports one file in one transaction on its own connection: a failed or cancelled import
 * rolls back, leaving no dataset, candles, cache or file row. A file whose range overlaps
 * datasets of the same instrument and timeframe merges with them into one; any other file
 * becomes a dataset of its own (its format and zone kept, removable alone).
 */
export async function runImport(p: ImportParams, hooks: ImportHooks): Promise<ImportResultDto> {
  const totalBytes = statSync(p.path).size;
  const setup = await resolveSetup(p.path, p.displayName, p);

  const db = new Database(p.dbFile);
  db.pragma('journal_mode = WAL');
  // Checked once before commit (checkReferences) instead of on each of a million candle rows,
  // which cost a fifth of the insert time.
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -16384');
  // The commit must not wait for a checkpoint copying the whole import into the database file
  // (a third of the store time): it runs after the result is out, see `hooks.committed`.
  db.pragma('wal_autocheckpoint = 0');
  try {
    const result = await importInto(db, p, hooks, setup, totalBytes);
    hooks.committed?.(result);
    return result;
  } finally {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  }
}

/** The rows this import wrote must point at rows that exist (foreign keys are off while it runs). */
function checkReferences(db: Database.Database, p: ImportParams): void {
  const instrument = db.prepare('select 1 from instruments where id = ?').get(p.instrumentId);
  const broken = ['files', 'datasets', 'candle_cache', 'series'].flatMap(
    (table) =>
      db.prepare(`select "table", parent from pragma_foreign_key_check('${table}')`).all() as never[],
  );
  if (!instrument || broken.length > 0) {
    fail('INTERNAL', `Import of ${p.displayName} would leave dangling references`, {
      instrument: p.instrumentId,
      broken,
    });
  }
}

async function importInto(
  db: Database.Database,
  p: ImportParams,
  hooks: ImportHooks,
  setup: ResolvedSetup,
  totalBytes: number,
): Promise<ImportResultDto> {
  const { layout, zone, timeframe } = setup;
  // Every file starts as a dataset of its own; whether it overlaps another is known at the end.
  const datasetId = p.newDatasetId;
  const issues: RowIssue[] = [];
  const skipped: RowIssue[] = [];
  // Strict mode lists the first few lines only: a file that is wrong throughout must not turn
  // into a megabyte-long error. The message still says how many more were found.
  let invalidLines = 0;
  const onIssue = (issue: RowIssue): boolean => {
    if (p.skipInvalid) {
      skipped.push(issue);
      return true;
    }
    invalidLines++;
    if (issues.length < MAX_REPORTED_ISSUES) issues.push(issue);
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
    const writer = new CandleWriter(db, p.instrumentId, timeframe, (issue) => onIssue(issue));
    const spreads = new SpreadWriter(db, p.instrumentId, timeframe);
    // A new dataset's cache is resampled by the parser while candles arrive in order and written
    // here as it comes; anything else (a merge, an unsorted file, duplicates) rebuilds it at the end.
    let cacheStreamed = true;
    const writeChunk = cacheChunkWriter(db, datasetId);
    let rowsParsed = 0;
    let digest = '';
    let zoneUse: ZoneUse = { embedded: new Set(), zoneApplied: false, epoch: false, dateOnly: false };
    let lastProgress = 0;
    const source = openParseSource(p.path, setup, p.parseThread ?? true, { cache: cacheStreamed });
    for await (const event of source.events) {
      if (event.type === 'batch') {
        const b = event.batch;
        writer.write(b);
        spreads.write(b);
        rowsParsed += b.count;
      } else if (event.type === 'cache') {
        if (cacheStreamed) for (const chunk of event.chunks) writeChunk(chunk);
      } else if (event.type === 'issue') {
        if (!onIssue(event.issue)) source.stop();
      } else if (event.type === 'progress') {
        if (hooks.cancelled()) {
          source.stop();
          fail('IMPORT_CANCELLED', `Import of ${p.displayName} cancelled`);
        }
        if (event.bytes - lastProgress >= 1 << 20 || event.bytes === totalBytes) {
          lastProgress = event.bytes;
          hooks.progress({ rows: rowsParsed, bytes: event.bytes, totalBytes });
        }
      } else {
        digest = event.md5;
        zoneUse = zoneUseOf(event.zoneUse);
        if (!event.cacheComplete) cacheStreamed = false;
      }
      if (!p.skipInvalid && issues.length >= MAX_REPORTED_ISSUES) source.stop();
    }
    // Conflicting duplicates are found by the store after the parser's issues of the same batch.
    issues.sort((a, b) => a.line - b.line);
    skipped.sort((a, b) => a.line - b.line);
    if (issues.length > 0) {
      const first = issues[0]!;
      fail(
        'IMPORT_INVALID',
        `${p.displayName}: line ${first.line}: ${first.reason}${invalidLines > 1 ? ` (and ${invalidLines - 1} more invalid line${invalidLines > 2 ? 's' : ''}; nothing was imported, skip invalid lines (--skip-invalid) to import the valid rows)` : ' (nothing was imported; skip invalid lines (--skip-invalid) to import the valid rows)'}`,
        { file: p.displayName, issues, invalidLines },
      );
    }
    if (writer.inserted === 0 && writer.duplicates === 0) {
      fail('IMPORT_INVALID', `${p.displayName}: no valid candles found`, { file: p.displayName, skipped });
    }
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
    db.prepare('update files set size = ?, md5 = ? where id = ?').run(totalBytes, digest, p.newFileId);
    const fileRange = { startTs: writer.fileMinTs, endTs: writer.fileMaxTs };
    const target = mergeOverlapping(db, p, timeframe, fileRange);
    if (target) {
      rebuildCache(db, target.id, p.instrumentId, timeframe, target);
    } else {
      // Nothing else in its range: the dataset holds exactly what the writer inserted.
      db.prepare(
        'update datasets set records_count = ?, start_ts = ?, end_ts = ?, updated_at = ?, timezone = ? where id = ?',
      ).run(
        writer.inserted,
        writer.minTs,
        writer.maxTs,
        p.nowSeconds,
        describeZone(zoneUse, zone),
        datasetId,
      );
      if (!cacheStreamed || writer.duplicates > 0 || writer.inserted !== rowsParsed || !digest)
        rebuildCache(db, datasetId, p.instrumentId, timeframe, {
          startTs: writer.minTs,
          endTs: writer.maxTs,
        });
    }
    if (!digest && issues.length === 0)
      fail('IMPORT_CANCELLED', `Import of ${p.displayName} stopped before the end of the file`);
    if (hooks.cancelled()) fail('IMPORT_CANCELLED', `Import of ${p.displayName} cancelled`);
    checkReferences(db, p);
    db.exec('commit');
    committed = true;
    hooks.progress({ rows: rowsParsed, bytes: totalBytes, totalBytes });
    // The file's own rows and range, whichever dataset they joined.
    return {
      datasetId: target?.id ?? datasetId,
      symbol: p.symbol,
      timeframe,
      format: layout.format,
      timezone: describeZone(zoneUse, zone),
      rows: writer.inserted,
      skipped: skipped.length,
      duplicates: writer.duplicates,
      startTs: fileRange.startTs,
      endTs: fileRange.endTs,
      md5: digest,
      skippedLines: skipped,
      timezoneAssumed: zoneUse.zoneApplied && !p.tz && layout.zoneAssumed,
      instrumentCreated: null,
      ignoredColumns: layout.ignoredColumns,
    };
  } finally {
    if (!committed) db.exec('rollback');
  }
}

interface MergedDataset {
  id: string;
  startTs: number;
  endTs: number;
}

/**
 * Folds the new file's dataset into the datasets of its series that overlap the file's range
 * (the oldest one keeps its id, format and zone); returns it, or null when nothing overlaps.
 */
function mergeOverlapping(
  db: Database.Database,
  p: ImportParams,
  timeframe: string,
  file: { startTs: number; endTs: number },
): MergedDataset | null {
  const overlapping = db
    .prepare(
      `select id, start_ts as startTs, end_ts as endTs from datasets
       where instrument_id = ? and timeframe = ? and id <> ? and start_ts <= ? and end_ts >= ?
       order by uploaded_at, rowid`,
    )
    .all(p.instrumentId, timeframe, p.newDatasetId, file.endTs, file.startTs) as MergedDataset[];
  if (overlapping.length === 0) return null;
  const [target, ...others] = overlapping as [MergedDataset, ...MergedDataset[]];
  const folded = [p.newDatasetId, ...others.map((d) => d.id)];
  const startTs = Math.min(file.startTs, ...overlapping.map((d) => d.startTs));
  const endTs = Math.max(file.endTs, ...overlapping.map((d) => d.endTs));
  for (const id of folded) {
    db.prepare('update files set entity_id = ? where entity_id = ?').run(target.id, id);
    // Foreign keys are off while an import runs: what `on delete set null` would do, by hand.
    db.prepare('update sessions set dataset_id = ? where dataset_id = ?').run(target.id, id);
    db.prepare('delete from candle_cache where dataset_id = ?').run(id);
    db.prepare('delete from datasets where id = ?').run(id);
  }
  const n = (
    db
      .prepare(
        'select count(*) as n from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts between ? and ?',
      )
      .get(p.instrumentId, timeframe, startTs, endTs) as { n: number }
  ).n;
  db.prepare(
    'update datasets set records_count = ?, start_ts = ?, end_ts = ?, updated_at = ? where id = ?',
  ).run(n, startTs, endTs, p.nowSeconds, target.id);
  return { id: target.id, startTs, endTs };
}
