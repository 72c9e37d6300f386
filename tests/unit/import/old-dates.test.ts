import { describe, expect, it } from 'vitest';
import { detectLayout } from '../../../src/core/import/detect';
import { parseStamp, type StampInfo } from '../../../src/core/import/stamp';

const info = (): StampInfo => ({ hasTime: false, offset: null, epoch: false });

describe('dates before 1900', () => {
  it('reads index histories that start in the 1700s', () => {
    expect(parseStamp('1789-07-14', false, info())).toBe(Date.UTC(1789, 6, 14) / 1000);
    expect(parseStamp('1871.01.02', false, info())).toBe(Date.UTC(1871, 0, 2) / 1000);
    expect(parseStamp('02/01/1885', true, info())).toBe(Date.UTC(1885, 0, 2) / 1000);
  });

  it('detects a file whose first rows are from the 1800s', () => {
    const layout = detectLayout(
      'Date,Open,High,Low,Close\n1871-01-02,4.44,4.44,4.44,4.44\n1871-01-03,4.45,4.45,4.45,4.45\n',
    );
    expect(layout.columns).toMatchObject({ date: 0, open: 1, close: 4 });
  });
});
