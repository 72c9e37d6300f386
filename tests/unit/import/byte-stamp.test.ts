import { describe, expect, it } from 'vitest';
import {
  type ByteStamp,
  readByteStamp,
  STAMP_EPOCH,
  STAMP_UTC,
  STAMP_WALL,
} from '../../../src/core/import/byte-stamp';
import { parseStamp, type StampInfo } from '../../../src/core/import/stamp';

/** Reads `date` (and a separate `time` column) from bytes. */
function read(date: string, time?: string): { wall: number; kind: number } {
  const b = new TextEncoder().encode(time === undefined ? date : `${date},${time}`);
  const out: ByteStamp = { kind: -1 };
  const wall =
    time === undefined
      ? readByteStamp(b, 0, b.length, -1, -1, out)
      : readByteStamp(b, 0, date.length, date.length + 1, b.length, out);
  return { wall, kind: out.kind };
}

/** What the general path makes of the same stamp (date and time joined by a space). */
function general(date: string, time?: string): { wall: number; kind: number } {
  const info: StampInfo = { hasTime: false, offset: null, epoch: false };
  const wall = parseStamp(time === undefined ? date : `${date} ${time}`, false, info);
  const kind = info.epoch ? STAMP_EPOCH : info.offset === 0 ? STAMP_UTC : STAMP_WALL;
  return { wall, kind };
}

describe('readByteStamp', () => {
  it.each([
    ['2019.01.02', '00:00'],
    ['2019.01.02', '13:45:30'],
    ['2020.02.29', '23:59'],
    ['20120201', '000000'],
  ])('reads %s %s (separate columns) as parseStamp does', (date, time) => {
    expect(read(date, time)).toEqual(general(date, time));
    expect(read(date, time).wall).not.toBeNaN();
  });

  it.each([
    '2024-01-02T03:04:05Z',
    '2024-01-02T03:04:05',
    '2024-01-02 03:04',
    '2024/01/02 03:04:05',
    '20120201 235900',
    '1640995200',
    '1640995200123',
    '946684800',
  ])('reads %s as parseStamp does', (stamp) => {
    expect(read(stamp)).toEqual(general(stamp));
    expect(read(stamp).wall).not.toBeNaN();
  });

  it.each([
    ['2024-01-02'],
    ['2024-01-02T03:04:05.000Z'],
    ['2024-01-02T03:04:05+03:00'],
    ['2024-01-02T24:00:00'],
    ['2023-02-29T00:00:00'],
    ['01.11.2006 00:00:00.000 GMT-0800'],
    ['20120201'],
    ['20120201 170000065'],
    ['1/2/2020 5:00 PM'],
    ['Jul 20, 2022'],
    [' 2024-01-02T03:04:05Z'],
    ['2019.01.02', '00:00:00.100'],
    ['2019.01.02', '24:00'],
    ['2019.1.2', '00:00'],
  ])('leaves %s %s to parseStamp', (date, time?: string) => {
    expect(read(date, time).wall).toBeNaN();
  });

  it('agrees with parseStamp on every minute of a leap day and across years', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const [y, m, d] of [
      [2020, 2, 29],
      [1999, 12, 31],
      [2038, 1, 19],
    ] as const) {
      for (let minute = 0; minute < 1440; minute += 7) {
        const date = `${y}.${pad(m)}.${pad(d)}`;
        const time = `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
        expect(read(date, time)).toEqual(general(date, time));
        const iso = `${y}-${pad(m)}-${pad(d)}T${time}:00Z`;
        expect(read(iso)).toEqual(general(iso));
      }
    }
  });
});
