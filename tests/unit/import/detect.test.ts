import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../src/core/import/detect';
import { GapFinder } from '../../../src/core/market/gaps';
import { inferTimeframe } from '../../../src/core/market/infer-timeframe';

const utc = (s: string) => Date.parse(s) / 1000;

describe('detectLayout', () => {
  it('maps headered columns by name in any order and case', () => {
    const layout = detectLayout(
      'CLOSE;Vol;Low;High;Open;DateTime\n1,5;10;1,4;1,6;1,5;2020-01-01 00:00\n1,5;10;1,4;1,6;1,5;2020-01-01 00:01\n',
    );
    expect(layout).toMatchObject({
      delimiter: ';',
      decimalComma: true,
      headerLines: 1,
      columns: { close: 0, volume: 1, low: 2, high: 3, open: 4, date: 5 },
    });
  });

  it('tells MT4 from HistData from Binance without a header', () => {
    expect(detectLayout('2019.01.02,00:00,1,1,1,1,1\n2019.01.02,00:01,1,1,1,1,1\n').format).toBe('mt4');
    expect(detectLayout('20190102 000000;1;1;1;1;0\n20190102 000100;1;1;1;1;0\n').format).toBe('histdata');
    expect(detectLayout('20190102 000000123,1.1,1.2,0\n20190102 000000456,1.1,1.2,0\n')).toMatchObject({
      format: 'histdata-tick',
      kind: 'ticks',
    });
    expect(
      detectLayout(
        '1546387200000,1,1,1,1,1,1546387259999,1,1,1,1,0\n1546387260000,1,1,1,1,1,1546387319999,1,1,1,1,0\n',
      ).format,
    ).toBe('binance');
  });

  it('tells day-first from month-first by a day above 12, else by the part that moves', () => {
    const order = (text: string) => detectLayout(`timestamp,open,high,low,close\n${text}`);
    expect(order('13/01/2020 00:00,1,1,1,1\n13/01/2020 00:01,1,1,1,1\n').dayFirst).toBe(true);
    expect(order('01/13/2020 00:00,1,1,1,1\n01/13/2020 00:01,1,1,1,1\n').dayFirst).toBe(false);
    expect(order('01/02/2020,1,1,1,1\n02/02/2020,1,1,1,1\n03/02/2020,1,1,1,1\n').dayFirst).toBe(true);
    expect(order('01/02/2020,1,1,1,1\n01/03/2020,1,1,1,1\n01/06/2020,1,1,1,1\n').dayFirst).toBe(false);
    expect(order('01/02/2020 00:00,1,1,1,1\n01/02/2020 00:01,1,1,1,1\n')).toMatchObject({
      dayOrderGuessed: true,
    });
  });

  it('shifts the named columns past a time of day the header does not name', () => {
    const layout = detectLayout(
      'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,09:01:00,3602,3603,3597,3599,5699,0\n2006-01-02,09:02:00,3600,3601,3598,3599,894,0\n',
    );
    expect(layout.columns).toEqual({ date: 0, time: 1, open: 2, high: 3, low: 4, close: 5, volume: 6 });
  });

  it('takes a zone named as the stamp column', () => {
    const layout = detectLayout(
      'Etc/UTC,Open,High,Low,Close,Volume\n2000-01-03 00:00:00,1,1,1,1,0\n2000-01-03 00:01:00,1,1,1,1,0\n',
    );
    expect(layout).toMatchObject({ defaultZone: 'Etc/UTC', columns: { date: 0, open: 1 } });
  });

  it('reads lines each wrapped whole in quotes', () => {
    const layout = detectLayout(
      '"Time\tOpen\tHigh\tLow\tClose"\r\n"2022-01-04 18:00:00\t1.1\t1.2\t1.0\t1.1"\r\n"2022-01-04 18:01:00\t1.1\t1.2\t1.0\t1.1"\r\n',
    );
    expect(layout).toMatchObject({
      lineQuoted: true,
      delimiter: '\t',
      columns: { date: 0, open: 1, close: 4 },
    });
  });

  it('calls any headerless date, time of day and prices MetaTrader 4, whatever the date order', () => {
    expect(detectLayout('02.01.2019,00:00,1,1,1,1,1\n02.01.2019,00:01,1,1,1,1,1\n').format).toBe('mt4');
    expect(detectLayout('2019.01.02;00:00:00;1;1;1;1;1\n2019.01.02;00:01:00;1;1;1;1;1\n').format).toBe('mt4');
    expect(detectLayout('2019-01-02 00:00,1,1,1,1,1\n2019-01-02 00:01,1,1,1,1,1\n').format).toBe('generic');
  });

  it('honours overrides', () => {
    const layout = detectLayout('20190102 000000;1;1;1;1;0\n20190102 000100;1;1;1;1;0\n', {
      format: 'ninjatrader',
    });
    expect(layout).toMatchObject({ format: 'ninjatrader', defaultZone: 'UTC' });
  });

  it('explains what it cannot read', () => {
    expect(() => detectLayout('')).toThrow(/empty/);
    expect(() => detectLayout('hello world\nfoo bar\n')).toThrow(/delimiter/);
    expect(() => detectLayout('a,b,c\nx,y,z\nq,r,s\n')).toThrow(/cannot map the columns/);
    expect(() => detectLayout('Date,Open,High,Low,Close\n')).toThrow(/header line but no data rows/);
  });
});

describe('inferTimeframe', () => {
  it('takes the most common step, ignoring weekends', () => {
    const h1 = [0, 1, 2, 3, 60, 61, 62].map((h) => h * 3600);
    expect(inferTimeframe(h1)).toBe('H1');
    const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'].map((d) =>
      utc(`${d}T00:00:00Z`),
    );
    expect(inferTimeframe(days)).toBe('D1');
    expect(inferTimeframe([0, 604800, 2 * 604800])).toBe('W1');
    expect(inferTimeframe([0])).toBeUndefined();
  });
});

describe('GapFinder', () => {
  it('reports gaps longer than normal closures, not weekends', () => {
    const finder = new GapFinder('M1');
    const times = [
      utc('2024-03-08T21:58:00Z'),
      utc('2024-03-08T21:59:00Z'),
      utc('2024-03-10T22:00:00Z'), // weekend: normal
      utc('2024-03-10T22:01:00Z'),
      utc('2024-03-11T03:00:00Z'), // five hours missing on a Monday: a gap
    ];
    for (const t of times) finder.push(t);
    expect(finder.gaps).toEqual([{ fromTs: utc('2024-03-10T22:02:00Z'), toTs: utc('2024-03-11T03:00:00Z') }]);
  });
});
