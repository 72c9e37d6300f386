import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/core/challenges/validate-rulebook';

const dir = join(__dirname, '../../../resources/challenges');
const presets = readdirSync(dir).filter((f) => f.endsWith('.json'));

function load(file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

describe('preset rulebooks in resources/challenges', () => {
  it('ships the three firm styles and more', () => {
    expect(presets).toEqual(
      expect.arrayContaining([
        'two-step-10-5-static.json',
        'one-step-trailing-eod.json',
        'instant-trailing-equity-lock.json',
      ]),
    );
  });

  it.each(presets)('%s is valid and its id is its file name', (file) => {
    const result = validateTemplate(load(file));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(`${result.value.id}.json`).toBe(file);
  });
});

describe('validateTemplate names every broken field', () => {
  const good = load('two-step-10-5-static.json') as Record<string, unknown>;
  const phases = good.phases as Record<string, unknown>[];
  const withPhase = (i: number, patch: Record<string, unknown>) => ({
    ...good,
    phases: phases.map((p, j) => (j === i ? { ...p, ...patch } : p)),
  });
  const errors = (json: unknown) => {
    const result = validateTemplate(json);
    return result.ok ? [] : result.errors;
  };

  it('rejects a non-object', () => {
    expect(errors(42)).toEqual([{ path: '', message: 'must be an object' }]);
  });

  it('names a bad reset time and zone', () => {
    const e = errors({ ...good, dayReset: { time: '24:00', zone: 'New York' } });
    expect(e.map((x) => x.path)).toEqual(['dayReset.time', 'dayReset.zone']);
  });

  it('names a nested field of a phase', () => {
    const e = errors(
      withPhase(1, { maxDailyLoss: { limitPct: -5, base: 'cash', reference: 'start-of-day-balance' } }),
    );
    expect(e).toEqual([
      { path: 'phases[1].maxDailyLoss.limitPct', message: 'must be more than 0 and at most 100' },
      { path: 'phases[1].maxDailyLoss.base', message: "must be one of 'balance', 'equity'" },
    ]);
  });

  it('names an unknown field and a missing rule (null switches a rule off, absence is an error)', () => {
    const { consistency: _dropped, ...rest } = phases[0]!;
    const e = errors({ ...good, phases: [{ ...rest, maxLot: 3 }, phases[1], phases[2]] });
    expect(e.map((x) => x.path).sort()).toEqual(['phases[0].consistency', 'phases[0].maxLot']);
  });

  it('checks the overall loss mode, the lock flag and whole-number days', () => {
    const e = errors(
      withPhase(0, {
        maxOverallLoss: { limitPct: 10, mode: 'trailing', lockAtInitial: 'yes' },
        minTradingDays: 2.5,
      }),
    );
    expect(e.map((x) => x.path)).toEqual([
      'phases[0].minTradingDays',
      'phases[0].maxOverallLoss.mode',
      'phases[0].maxOverallLoss.lockAtInitial',
    ]);
  });

  it('wants a target on every phase but the funded one, and the phase count of the style', () => {
    expect(errors(withPhase(0, { profitTargetPct: null })).map((x) => x.path)).toEqual([
      'phases[0].profitTargetPct',
    ]);
    expect(errors(withPhase(2, { profitTargetPct: 5 })).map((x) => x.path)).toEqual([
      'phases[2].profitTargetPct',
    ]);
    expect(errors({ ...good, style: 'one-step' })).toEqual([
      { path: 'phases', message: 'a one-step challenge has 2 phases' },
    ]);
  });

  it('refuses a consistency rule on a phase with no target', () => {
    expect(errors(withPhase(2, { consistency: { maxDayPctOfProfit: 30 } })).map((x) => x.path)).toEqual([
      'phases[2].consistency',
    ]);
  });

  it('checks the top-level fields', () => {
    const e = errors({ ...good, schemaVersion: 2, id: 'Two Step', initialBalanceCents: 100.5, phases: [] });
    expect(e.map((x) => x.path)).toEqual(['schemaVersion', 'id', 'initialBalanceCents', 'phases']);
  });
});
