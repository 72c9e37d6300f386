/** src/core/challenges stays pure: imports only from the core, no wall clock, no randomness, no Node. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvaluatorIsHook } from '../../../src/core/challenges/hook';

const dir = join(__dirname, '../../../src/core/challenges');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/core/challenges purity', () => {
  it.each(files)('%s imports only core modules and reads no clock or randomness', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    // Siblings, or another core folder (`../random/…`); `../../` would leave src/core.
    expect(
      imports.filter((i) => !(i.startsWith('./') || (i.startsWith('../') && !i.startsWith('../../')))),
    ).toEqual([]);
    expect(text).not.toMatch(/Date\.now|Math\.random|new Date\(|process\.|require\(/);
  });

  it('the evaluator is the engine hook', () => {
    const check: EvaluatorIsHook = true;
    expect(check).toBe(true);
  });
});
