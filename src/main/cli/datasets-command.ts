import type { DatasetDto } from '../../shared/dto';
import { AppError, ErrorCode } from '../../shared/errors';
import { callMethod } from './call';
import { boolFlag, type CliCommand } from './command';
import { isoUtc } from './iso-time';

const printable = (d: DatasetDto) => ({
  id: d.id,
  symbol: d.symbol,
  timeframe: d.timeframe,
  format: d.format,
  timezone: d.timezone,
  rows: d.rows,
  startTs: isoUtc(d.startTs),
  endTs: isoUtc(d.endTs),
  isActive: d.isActive,
  uploadedAt: isoUtc(d.uploadedAt),
});

/** `tickstep datasets [--json]`: every dataset with its range. */
export const datasetsCommand: CliCommand = {
  name: 'datasets',
  summary: 'List the imported datasets.',
  usage: 'datasets [--json]',
  valueFlags: [],
  async run(args, app, io) {
    const list = (await callMethod(app(), 'datasets:list', {})).map(printable);
    if (boolFlag(args, 'json')) io.out(JSON.stringify(list));
    else if (list.length === 0) io.out('No datasets yet: tickstep import FILE --symbol S');
    else {
      for (const d of list) {
        io.out(
          `${d.id}  ${d.symbol} ${d.timeframe}  ${d.rows} rows  ${d.startTs} to ${d.endTs}  ${d.format} (${d.timezone})${d.isActive ? '' : '  inactive'}`,
        );
      }
    }
    return 0;
  },
};

/** `tickstep dataset delete|inspect|activate|deactivate ID`. */
export const datasetCommand: CliCommand = {
  name: 'dataset',
  summary: 'Delete (with its candles), inspect (rows, range, gaps), activate or deactivate a dataset.',
  usage: 'dataset delete|inspect|activate|deactivate ID [--json]',
  valueFlags: [],
  async run(args, app, io) {
    const [action, datasetId] = args.positionals;
    if (!action || !datasetId)
      throw new AppError(ErrorCode.INVALID_INPUT, 'usage: dataset delete|inspect|activate|deactivate ID');
    const json = boolFlag(args, 'json');
    if (action === 'delete') {
      const result = await callMethod(app(), 'datasets:delete', { datasetId });
      if (!result.deleted) throw new AppError(ErrorCode.NOT_FOUND, `No dataset ${datasetId}`);
      io.out(json ? JSON.stringify(result) : `Deleted dataset ${datasetId} and its candles`);
      return 0;
    }
    if (action === 'activate' || action === 'deactivate') {
      const d = await callMethod(app(), 'datasets:set-active', { datasetId, active: action === 'activate' });
      io.out(
        json ? JSON.stringify(printable(d)) : `Dataset ${datasetId} is ${d.isActive ? 'active' : 'inactive'}`,
      );
      return 0;
    }
    if (action === 'inspect') {
      const d = await callMethod(app(), 'datasets:get', { datasetId });
      const gaps = d.gaps.map((g) => ({ from: isoUtc(g.fromTs), to: isoUtc(g.toTs) }));
      if (json) {
        io.out(JSON.stringify({ ...printable(d), files: d.files, gapCount: d.gapCount, gaps }));
      } else {
        const p = printable(d);
        io.out(
          `${p.symbol} ${p.timeframe}: ${p.rows} rows, ${p.startTs} to ${p.endTs}, ${p.format} (${p.timezone})`,
        );
        for (const f of d.files) io.out(`  file ${f.path} (${f.size} bytes, md5 ${f.md5})`);
        io.out(`  ${d.gapCount} gap(s) longer than normal market closures`);
        for (const g of gaps) io.out(`  gap ${g.from} to ${g.to}`);
      }
      return 0;
    }
    throw new AppError(ErrorCode.INVALID_INPUT, `Unknown dataset action "${action}"`);
  },
};
