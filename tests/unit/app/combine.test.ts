import { describe, expect, it } from 'vitest';
import { combine } from '../../../src/main/app/combine';

describe('combine', () => {
  it('merges the features’ handler maps', () => {
    const merged = combine({ 'a:one': () => 1 }, { 'b:two': () => 2 });
    expect(Object.keys(merged)).toEqual(['a:one', 'b:two']);
    expect(merged['b:two']()).toBe(2);
  });

  it('throws at start-up when two features handle one method name', () => {
    expect(() => combine({ 'sessions:create': () => 1 }, { 'sessions:create': () => 2 })).toThrow(
      'Two features handle the contract method "sessions:create"',
    );
  });
});
