import { describe, expect, it } from 'vitest';
import { parsePlainDecimal } from '../../../src/core/import/byte-numbers';

const read = (text: string, decimalComma = false) => {
  const b = new TextEncoder().encode(text);
  return parsePlainDecimal(b, 0, b.length, decimalComma);
};

describe('parsePlainDecimal', () => {
  it('reads plain decimals exactly as Number() does', () => {
    for (const text of [
      '1.10007',
      '0.00012',
      '123',
      '-4.5',
      '00012',
      '1.0',
      '152.345',
      '99999.99999',
      '-0',
    ]) {
      expect(Object.is(read(text), Number(text)), text).toBe(true);
    }
  });

  it('is bit-for-bit Number() on many random prices', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 20000; i++) {
      const digits = Math.floor(random() * 8);
      const text = (random() * 10 ** Math.floor(random() * 7)).toFixed(digits);
      expect(read(text)).toBe(Number(text));
    }
  });

  it('reads a decimal comma when the layout has one', () => {
    expect(read('1,3066', true)).toBe(1.3066);
    expect(read('1.3066', true)).toBe(1.3066);
    expect(read('1,3066')).toBeNaN();
  });

  it('leaves everything else to the string path', () => {
    for (const text of [
      '',
      '-',
      ' 1.1',
      '1.1 ',
      '1.1\r',
      '1e5',
      '+1',
      '1.2.3',
      '1,234.5',
      '.5',
      '1.',
      '1234567890123456',
    ]) {
      expect(read(text), text).toBeNaN();
    }
  });
});
