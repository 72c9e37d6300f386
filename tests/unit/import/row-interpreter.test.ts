import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../src/core/import/detect';
import { RowInterpreter, type RowIssue } from '../../../src/core/import/row-interpreter';
import { resolveZone } from '../../../src/core/import/time-zone';
import type { Candle } from '../../../src/core/market/candle';

const utc = (s: string) => Date.parse(s) / 1000;

/** Detects and interprets a whole small file in memory, as the import job does chunk by chunk. */
function interpret(text: string, tz?: string) {
  const layout = detectLayout(text);
  const zone = resolveZone(tz ?? layout.defaultZone)!;
  const candles: Candle[] = [];
  const issues: RowIssue[] = [];
  const interpreter = new RowInterpreter(layout, zone, {
    batch: (b) => {
      for (let i = 0; i < b.count; i++) {
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
    issue: (issue) => issues.push(issue) < 100,
  });
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = Papa.parse<string[]>(body.endsWith(newline) ? body.slice(0, -newline.length) : body, {
    delimiter: layout.delimiter,
    newline: newline as '\n',
  }).data;
  interpreter.push(rows.slice(layout.headerLines), layout.headerLines + 1);
  interpreter.end();
  return { layout, candles, issues, interpreter };
}

describe('RowInterpreter', () => {
  it('reads thousands separators and K/M volume suffixes (Investing.com indices)', () => {
    const { candles, issues } = interpret(
      '"Date","Price","Open","High","Low","Vol.","Change %"\n"Jan 03, 2019","4,123.45","4,100.00","4,130.50","4,090.25","1.2M","0.5%"\n"Jan 02, 2019","4,100.00","4,050.00","4,110.00","4,040.00","1.1M","0.4%"\n',
    );
    expect(issues).toEqual([]);
    expect(candles[0]).toMatchObject({
      open: 4100,
      high: 4130.5,
      low: 4090.25,
      close: 4123.45,
      volume: 1_200_000,
    });
  });

  it('skips MetaTrader 5 ticks that carry only an ask', () => {
    const { layout, candles, issues } = interpret(
      '<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n2020.01.02\t00:00:00.100\t1.1210\t1.1212\t\t\t6\n2020.01.02\t00:00:00.300\t\t1.1213\t\t\t4\n2020.01.02\t00:00:01.500\t1.1215\t1.1216\t\t\t6\n',
    );
    expect(layout.kind).toBe('ticks');
    expect(issues).toEqual([]);
    expect(candles).toEqual([
      { ts: utc('2020-01-02T00:00:00Z'), open: 1.121, high: 1.1215, low: 1.121, close: 1.1215, volume: 2 },
    ]);
  });

  it("reads NinjaTrader's 'yyyyMMdd HHmmss fffffff' tick stamps", () => {
    const { candles } = interpret(
      '20191231 230000 1000000;1.1;1.1;1.1;1.1;1\n20191231 230100 0000000;1.1;1.2;1.0;1.1;1\n',
      'UTC',
    );
    expect(candles.map((c) => c.ts)).toEqual([utc('2019-12-31T23:00:00Z'), utc('2019-12-31T23:01:00Z')]);
  });

  it("takes the zone a header names ('Time (EET)')", () => {
    const { layout, candles } = interpret(
      'Time (EET),Open,High,Low,Close,Volume\n2020.01.02 02:00:00,1.1,1.2,1.0,1.1,5\n2020.01.02 02:01:00,1.1,1.2,1.0,1.1,5\n',
    );
    expect(layout.defaultZone).toBe('Europe/Athens');
    expect(candles[0]!.ts).toBe(utc('2020-01-02T00:00:00Z'));
  });

  it('reads Binance microsecond open times', () => {
    const { layout, candles } = interpret(
      '1735689600000000,1,2,0.5,1.5,10,1735689659999999,1,1,1,1,0\n1735689660000000,1,2,0.5,1.5,10,1735689719999999,1,1,1,1,0\n',
    );
    expect(layout.format).toBe('binance');
    expect(candles[0]!.ts).toBe(utc('2025-01-01T00:00:00Z'));
  });

  it('numbers every invalid line and keeps going', () => {
    const { issues, candles } = interpret(
      '2019.01.02,00:00,1,1,1,1,1\n2019.01.02,00:01,1,0.5,1,1,1\n\n2019.01.02,00:02,1,1,1,1,1\n2019.01.02,00:03,1,1,1,x,1\n',
    );
    expect(candles).toHaveLength(2);
    expect(issues).toEqual([
      { line: 2, reason: 'high 0.5 is below max(open, close) 1' },
      { line: 5, reason: "close 'x' is not a number" },
    ]);
  });

  it("ignores rows without any price (Yahoo's null rows) as it does blank lines", () => {
    const { candles, issues } = interpret(
      'Date,Open,High,Low,Close,Adj Close,Volume\n2019-01-02,1,2,0.5,1.5,1.5,10\n2019-01-03,null,null,null,null,null,null\n2019-01-04,1,2,0.5,1.5,1.5,10\n2019-01-07,1,null,0.5,1.5,1.5,10\n',
    );
    expect(candles).toHaveLength(2);
    expect(issues).toEqual([{ line: 5, reason: "high 'null' is not a number" }]);
  });

  it('flags tick files out of time order', () => {
    const { issues } = interpret('20190102 000100000,1.1,1.2,0\n20190102 000000000,1.1,1.2,0\n');
    expect(issues).toEqual([
      { line: 2, reason: 'tick is earlier than the one before it (tick files must be in time order)' },
    ]);
  });
});
