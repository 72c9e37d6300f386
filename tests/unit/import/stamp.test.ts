import { describe, expect, it } from 'vitest';
import { parseStamp, type StampInfo } from '../../../src/core/import/stamp';
import { resolveZone } from '../../../src/core/import/time-zone';

const utc = (s: string) => Date.parse(s) / 1000;
const info = (): StampInfo => ({ hasTime: false, offset: null, epoch: false });

describe('parseStamp', () => {
  it.each([
    ['2019.01.02 00:00', '2019-01-02T00:00:00Z', null],
    ['2019.01.02 13:45:30', '2019-01-02T13:45:30Z', null],
    ['20170102 020000', '2017-01-02T02:00:00Z', null],
    ['20010102 230100', '2001-01-02T23:01:00Z', null],
    ['01.11.2006 00:00:00.000 GMT-0800', '2006-11-01T00:00:00Z', -480],
    ['2024-12-01T03:00:00+03:00', '2024-12-01T03:00:00Z', 180],
    ['2024-12-01 03:00:00Z', '2024-12-01T03:00:00Z', 0],
    ['2024-12-01', '2024-12-01T00:00:00Z', null],
    ['Jul 20, 2022', '2022-07-20T00:00:00Z', null],
    ['20 Jul 2022', '2022-07-20T00:00:00Z', null],
    ['1/2/2020 5:00 PM', '2020-01-02T17:00:00Z', null],
    ['12/31/2020 12:00 AM', '2020-12-31T00:00:00Z', null],
  ])('reads %s as wall time %s (offset %s)', (text, wall, offset) => {
    const i = info();
    expect(parseStamp(text, false, i)).toBe(utc(wall));
    expect(i.offset).toBe(offset);
  });

  it('reads HistData tick stamps with milliseconds', () => {
    expect(parseStamp('20200101 170000065', false, info())).toBeCloseTo(
      utc('2020-01-01T17:00:00Z') + 0.065,
      6,
    );
  });

  it('reads unix seconds, milliseconds and microseconds as absolute times', () => {
    for (const text of ['1640995200', '1640995200000', '1640995200000000']) {
      const i = info();
      expect(parseStamp(text, false, i)).toBe(1640995200);
      expect(i.epoch).toBe(true);
    }
  });

  it('reads day-first dates when asked', () => {
    expect(parseStamp('02/01/2020', true, info())).toBe(utc('2020-01-02T00:00:00Z'));
    expect(parseStamp('02/01/2020', false, info())).toBe(utc('2020-02-01T00:00:00Z'));
  });

  it.each(['', 'abc', '2019.13.01', '2019.02.30 00:00', '2019.01.02 25:00', '2019-01-02T00:00:00+99'])(
    'rejects %j',
    (text) => {
      expect(parseStamp(text, false, info())).toBeNaN();
    },
  );
});

describe('source zones', () => {
  it('converts fixed offsets and aliases', () => {
    expect(resolveZone('UTC-05:00')!.toUtc(utc('2020-01-01T00:00:00Z'))).toBe(utc('2020-01-01T05:00:00Z'));
    expect(resolveZone('+0300')!.toUtc(utc('2020-01-01T03:00:00Z'))).toBe(utc('2020-01-01T00:00:00Z'));
    expect(resolveZone('GMT+2')!.name).toBe('UTC+02:00');
    expect(resolveZone('EST')!.name).toBe('UTC-05:00');
    expect(resolveZone('utc')!.name).toBe('UTC');
  });

  it('converts IANA zones with daylight saving', () => {
    const ny = resolveZone('America/New_York')!;
    expect(ny.toUtc(utc('2020-01-15T12:00:00Z'))).toBe(utc('2020-01-15T17:00:00Z'));
    expect(ny.toUtc(utc('2020-07-15T12:00:00Z'))).toBe(utc('2020-07-15T16:00:00Z'));
    const berlin = resolveZone('Europe/Berlin')!;
    expect(berlin.toUtc(utc('2020-03-29T03:30:00Z'))).toBe(utc('2020-03-29T01:30:00Z'));
  });

  it('knows no made-up zone', () => {
    expect(resolveZone('Mars/Olympus')).toBeUndefined();
  });
});
