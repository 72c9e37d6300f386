import { describe, expect, it } from 'vitest';
import { type BaseSource, basePeriods, periodAt } from '../../../src/core/market/base-periods';
import { TIMEFRAME_SECONDS } from '../../../src/core/market/timeframes';

const utc = (s: string) => Date.parse(s) / 1000;
const iso = (ts: number) => new Date(ts * 1000).toISOString().slice(0, 16);

/** Sources whose bars lie on their own timeframe's grid, one every bar from start to end. */
const onGrid = (source: BaseSource, ts: number) => {
  if (ts < source.startTs) return null;
  const step = TIMEFRAME_SECONDS[source.timeframe];
  return Math.min(source.endTs, source.startTs + Math.floor((ts - source.startTs) / step) * step);
};

const show = (sources: BaseSource[]) =>
  basePeriods(sources, onGrid).map((p) => `${p.timeframe} ${iso(p.fromTs)} ${iso(p.toTs)}`);

describe('base periods: the finest data at each time', () => {
  it('M1 then H1 with no overlap: two periods, end to end', () => {
    const m1: BaseSource = {
      id: 'm1',
      timeframe: 'M1',
      startTs: utc('2017-01-02T00:00Z'),
      endTs: utc('2017-12-31T23:59Z'),
    };
    const h1: BaseSource = {
      id: 'h1',
      timeframe: 'H1',
      startTs: utc('2018-01-01T00:00Z'),
      endTs: utc('2018-12-31T23:00Z'),
    };
    expect(show([h1, m1])).toEqual([
      'M1 2017-01-02T00:00 2018-01-01T00:00',
      'H1 2018-01-01T00:00 2019-01-01T00:00',
    ]);
  });

  it('M1 inside a longer H1 range: H1, M1, H1, each switch on an hour boundary', () => {
    const h1: BaseSource = {
      id: 'h1',
      timeframe: 'H1',
      startTs: utc('2018-01-01T00:00Z'),
      endTs: utc('2018-01-31T23:00Z'),
    };
    // M1 starts 10:30 and ends 15:29: the 10:00 and 15:00 hours are H1 bars, replayed whole.
    const m1: BaseSource = {
      id: 'm1',
      timeframe: 'M1',
      startTs: utc('2018-01-10T10:30Z'),
      endTs: utc('2018-01-12T15:29Z'),
    };
    expect(show([h1, m1])).toEqual([
      'H1 2018-01-01T00:00 2018-01-10T11:00',
      'M1 2018-01-10T11:00 2018-01-12T15:00',
      'H1 2018-01-12T15:00 2018-02-01T00:00',
    ]);
  });

  it('aligned edges need no snapping', () => {
    const h1: BaseSource = {
      id: 'h1',
      timeframe: 'H1',
      startTs: utc('2018-01-01T00:00Z'),
      endTs: utc('2018-01-31T23:00Z'),
    };
    const m1: BaseSource = {
      id: 'm1',
      timeframe: 'M1',
      startTs: utc('2018-01-10T10:00Z'),
      endTs: utc('2018-01-12T15:59Z'),
    };
    expect(show([m1, h1])).toEqual([
      'H1 2018-01-01T00:00 2018-01-10T10:00',
      'M1 2018-01-10T10:00 2018-01-12T16:00',
      'H1 2018-01-12T16:00 2018-02-01T00:00',
    ]);
  });

  it('leaves a gap where no data exists, and says so by having no period there', () => {
    const m1: BaseSource = {
      id: 'm1',
      timeframe: 'M1',
      startTs: utc('2017-01-02T00:00Z'),
      endTs: utc('2017-01-02T01:59Z'),
    };
    const h1: BaseSource = {
      id: 'h1',
      timeframe: 'H1',
      startTs: utc('2018-01-02T00:00Z'),
      endTs: utc('2018-01-03T23:00Z'),
    };
    const periods = basePeriods([m1, h1], onGrid);
    expect(periods.map((p) => p.timeframe)).toEqual(['M1', 'H1']);
    expect(periodAt(periods, utc('2017-06-01T00:00Z'))).toBeUndefined();
    expect(periodAt(periods, utc('2017-01-02T01:59Z'))?.timeframe).toBe('M1');
    expect(periodAt(periods, utc('2018-01-02T05:00Z'))?.timeframe).toBe('H1');
  });

  it('periods never overlap and cover every covered time exactly once', () => {
    const sources: BaseSource[] = [
      { id: 'h4', timeframe: 'H4', startTs: utc('2018-01-01T00:00Z'), endTs: utc('2018-03-01T00:00Z') },
      { id: 'h1', timeframe: 'H1', startTs: utc('2018-01-05T07:00Z'), endTs: utc('2018-02-10T13:00Z') },
      { id: 'm1', timeframe: 'M1', startTs: utc('2018-01-20T10:17Z'), endTs: utc('2018-01-25T03:41Z') },
    ];
    const periods = basePeriods(sources, onGrid);
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.fromTs).toBe(periods[i - 1]!.toTs);
    expect(periods[0]!.fromTs).toBe(utc('2018-01-01T00:00Z'));
    expect(periods.at(-1)!.toTs).toBe(utc('2018-03-01T04:00Z'));
    expect(show(sources)).toEqual([
      'H4 2018-01-01T00:00 2018-01-05T08:00',
      'H1 2018-01-05T08:00 2018-01-20T11:00',
      'M1 2018-01-20T11:00 2018-01-25T03:00',
      'H1 2018-01-25T03:00 2018-02-10T12:00',
      'H4 2018-02-10T12:00 2018-03-01T04:00',
    ]);
  });
});
