import {
  type CandleBatch,
  describeZone,
  RowInterpreter,
  type RowIssue,
} from '../../../../core/import/row-interpreter';
import type { ImportPreviewDto } from '../../../../shared/contract/market';
import type { CandleDto } from '../../../../shared/dto';
import type { MarketDeps } from '../deps';
import { parseText, resolveSetup } from './runner';
import { type ImportOptions, type ImportSource, materialize, resolveInstrument } from './service';
import type { Uploads } from './uploads';

/** What an import of this file would do, from its first 64 KiB; changes nothing. */
export async function previewImport(
  ctx: MarketDeps,
  uploads: Uploads,
  source: ImportSource,
  o: ImportOptions,
  maxRows = 50,
): Promise<ImportPreviewDto> {
  const material = materialize(ctx, uploads, source);
  try {
    let symbol: string | null = null;
    try {
      symbol = resolveInstrument(ctx, material.displayName, o.symbol).symbol;
    } catch {
      symbol = null;
    }
    const setup = await resolveSetup(material.path, material.displayName, o);
    const { layout, zone, newline, sample } = setup;
    const candles: CandleDto[] = [];
    const issues: RowIssue[] = [];
    const interpreter = new RowInterpreter(layout, zone, {
      batch: (b: CandleBatch) => {
        for (let i = 0; i < b.count && candles.length < maxRows; i++) {
          candles.push({
            ts: b.ts[i]!,
            open: b.open[i]!,
            high: b.high[i]!,
            low: b.low[i]!,
            close: b.close[i]!,
            volume: b.volume[i]!,
          });
        }
      },
      issue: (issue) => {
        issues.push(issue);
        return issues.length < 20;
      },
    });
    const cut = sample.lastIndexOf('\n');
    const rows = parseText(cut < 0 ? sample : sample.slice(0, cut), layout, newline);
    interpreter.push(rows.slice(layout.headerLines), layout.headerLines + 1);
    interpreter.end();
    return {
      fileName: material.displayName,
      symbol,
      format: layout.format,
      kind: layout.kind,
      timezone: describeZone(interpreter.zoneUse, zone),
      timeframe: setup.timeframe,
      delimiter: layout.delimiter,
      decimalComma: layout.decimalComma,
      dayFirst: layout.dayFirst,
      header: layout.header,
      columns: { ...layout.columns },
      candles,
      issues,
      timezoneAssumed: interpreter.zoneUse.zoneApplied && !o.tz && layout.zoneAssumed,
      ignoredColumns: layout.ignoredColumns,
    };
  } finally {
    material.dispose();
  }
}
