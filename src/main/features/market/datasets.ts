import { GapFinder } from '../../../core/market/gaps';
import type { DatasetDetailDto } from '../../../shared/contract/market';
import type { DatasetDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';

const SELECT = `select d.id, d.instrument_id as instrumentId, i.symbol, d.timeframe, d.format, d.timezone,
  d.records_count as rows, d.start_ts as startTs, d.end_ts as endTs, d.is_active as isActive,
  d.file_id as fileId, d.uploaded_at as uploadedAt
  from datasets d join instruments i on i.id = d.instrument_id`;

const toDto = (row: DatasetDto): DatasetDto => ({ ...row, isActive: Boolean(row.isActive) });

export function listDatasets(store: Store): DatasetDto[] {
  return (store.sqlite.prepare(`${SELECT} order by i.symbol, d.timeframe`).all() as DatasetDto[]).map(toDto);
}

export function getDataset(store: Store, datasetId: string): DatasetDto {
  const row = store.sqlite.prepare(`${SELECT} where d.id = ?`).get(datasetId) as DatasetDto | undefined;
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No dataset ${datasetId}`, { datasetId });
  return toDto(row);
}

/** Inspects a dataset: one pass over its open times finds the gaps (about 0.3 s per million bars). */
export function inspectDataset(store: Store, datasetId: string): DatasetDetailDto {
  const dataset = getDataset(store, datasetId);
  const finder = new GapFinder(dataset.timeframe as Timeframe);
  const times = store.sqlite
    .prepare(
      'select ts from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts between ? and ? order by ts',
    )
    .pluck()
    .iterate(
      dataset.instrumentId,
      dataset.timeframe,
      dataset.startTs,
      dataset.endTs,
    ) as IterableIterator<number>;
  for (const ts of times) finder.push(ts);
  const files = store.sqlite
    .prepare(
      'select id, path, size, md5, uploaded_at as uploadedAt from files where entity_id = ? order by uploaded_at, rowid',
    )
    .all(datasetId) as DatasetDetailDto['files'];
  return { ...dataset, files, gaps: finder.gaps, gapCount: finder.total };
}

export function setDatasetActive(
  store: Store,
  datasetId: string,
  active: boolean,
  nowSeconds: number,
): DatasetDto {
  getDataset(store, datasetId);
  store.sqlite
    .prepare('update datasets set is_active = ?, updated_at = ? where id = ?')
    .run(active ? 1 : 0, nowSeconds, datasetId);
  return getDataset(store, datasetId);
}

/**
 * Deletes a dataset with its candles (those of its series within its range: other datasets of
 * the series never overlap it), cache and file records, in one transaction.
 */
export function deleteDataset(store: Store, datasetId: string): { deleted: boolean } {
  const db = store.sqlite;
  const row = db
    .prepare(
      'select instrument_id as instrumentId, timeframe, start_ts as startTs, end_ts as endTs from datasets where id = ?',
    )
    .get(datasetId) as
    | { instrumentId: string; timeframe: string; startTs: number; endTs: number }
    | undefined;
  if (!row) return { deleted: false };
  db.transaction(() => {
    db.prepare(
      'delete from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts between ? and ?',
    ).run(row.instrumentId, row.timeframe, row.startTs, row.endTs);
    db.prepare(
      'delete from candle_spreads where instrument_id = ? and timeframe = ? and ts between ? and ?',
    ).run(row.instrumentId, row.timeframe, row.startTs, row.endTs);
    db.prepare('delete from candle_cache where dataset_id = ?').run(datasetId);
    db.prepare('delete from datasets where id = ?').run(datasetId);
    db.prepare('delete from files where entity_id = ?').run(datasetId);
  })();
  return { deleted: true };
}
