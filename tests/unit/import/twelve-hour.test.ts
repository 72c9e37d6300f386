import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../src/core/import/detect';
import { parseStamp, type StampInfo } from '../../../src/core/import/stamp';

const info = (): StampInfo => ({ hasTime: false, offset: null, epoch: false });
const iso = (wall: number) => new Date(wall * 1000).toISOString().slice(0, 16);

/** 12-hour clocks as public files write them (issue 13, item 5). */
describe('12-hour clocks', () => {
  it.each([
    ['2020-03-13 08-PM', '2020-03-13T20:00'],
    ['2020-03-13 07-AM', '2020-03-13T07:00'],
    ['2020-03-13 12-AM', '2020-03-13T00:00'],
    ['2020-03-13 12-PM', '2020-03-13T12:00'],
    ['2020-03-13 7:00 PM', '2020-03-13T19:00'],
    ['2020-03-13 12:00 AM', '2020-03-13T00:00'],
    ['2020-03-13 12:30 am', '2020-03-13T00:30'],
    ['3/13/2020 11:59 PM', '2020-03-13T23:59'],
  ])('%s is %s', (text, expected) => {
    expect(iso(parseStamp(text, false, info()))).toBe(expected);
  });

  it('refuses hours a 12-hour clock cannot show', () => {
    expect(parseStamp('2020-03-13 13:00 PM', false, info())).toBeNaN();
    expect(parseStamp('2020-03-13 08-XM', false, info())).toBeNaN();
  });

  it('reads a separate time column written with AM/PM, named or not', () => {
    const named = detectLayout('Date,Time,Open,High,Low,Close\n2020-03-13,7:00 PM,1.1,1.2,1.0,1.15\n');
    expect(named.columns).toMatchObject({ date: 0, time: 1, open: 2, close: 5 });
    const bare = detectLayout('2020.03.13,07-AM,1.1,1.2,1.0,1.15\n2020.03.13,08-AM,1.1,1.2,1.0,1.15\n');
    expect(bare.columns).toMatchObject({ date: 0, time: 1, open: 2, close: 5 });
  });

  it('does not take a four-digit price after a bare date for a time', () => {
    const layout = detectLayout('2020-03-13,1234,1240,1230,1235\n2020-03-14,1235,1241,1231,1236\n');
    expect(layout.columns).toMatchObject({ date: 0, open: 1, close: 4 });
    expect(layout.columns.time).toBeUndefined();
  });
});
