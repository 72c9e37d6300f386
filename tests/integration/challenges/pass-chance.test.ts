/**
 * The chance of passing through the contract: the trader's own closed trades (with a stop loss at
 * entry, in R) under a rulebook's phase; too few trades give an empty result, not a guess.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempApp } from '../trading/helpers';
import { call, closeTradesInR, PRESET } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  return t.app;
}

describe('challenges:pass-chance', () => {
  it('answers no result below 20 trades with a stop loss; trades without one do not count', async () => {
    const app = setup();
    await closeTradesInR(
      app,
      Array.from({ length: 19 }, (_, i) => (i % 2 ? 2 : -1)),
    );
    await closeTradesInR(app, [1, 1, 1], { symbol: 'GBPUSD', sl: false });
    const chance = await call(app, 'challenges:pass-chance', { templateId: PRESET });
    expect(chance).toMatchObject({
      templateId: PRESET,
      phaseIndex: 0,
      phaseName: 'Evaluation',
      trades: 19,
      minTrades: 20,
      result: null,
    });
  });

  it('reads the trades exactly in R and runs 10,000 paths at the chosen risk and the best one', async () => {
    const app = setup();
    // +2 R, −1 R alternating: mean +0.5 R, all closed on one day.
    await closeTradesInR(
      app,
      Array.from({ length: 20 }, (_, i) => (i % 2 ? -1 : 2)),
    );
    const chance = await call(app, 'challenges:pass-chance', {
      templateId: PRESET,
      riskPct: 0.5,
      tradesPerDay: 4,
    });
    expect(chance.trades).toBe(20);
    const result = chance.result!;
    expect(result).toMatchObject({ paths: 10_000, averageR: 0.5, tradesPerDay: 4, maxDays: 365 });
    expect(result.chosen.riskPct).toBe(0.5);
    const { pass, breach, timeout } = result.chosen;
    expect(pass + breach + timeout).toBeCloseTo(1, 12);
    expect(result.candidates.map((c) => c.riskPct)).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3]);
    expect(result.best.pass).toBe(Math.max(...result.candidates.map((c) => c.pass)));
    expect(result.best.pass).toBeGreaterThanOrEqual(pass);
    expect(result.chosen.medianDaysToPass).toBeGreaterThanOrEqual(4); // the preset's 4 trading days

    // Seeded: the same question gives the same answer; the trader's own pace is the default.
    const again = await call(app, 'challenges:pass-chance', {
      templateId: PRESET,
      riskPct: 0.5,
      tradesPerDay: 4,
    });
    expect(again).toEqual(chance);
    const ownPace = await call(app, 'challenges:pass-chance', { templateId: PRESET });
    expect(ownPace.result?.tradesPerDay).toBe(20);
  });

  it('names the field of a bad input and an unknown phase', async () => {
    const app = setup();
    const risk = await app.dispatch('challenges:pass-chance', { templateId: PRESET, riskPct: 50 });
    expect(!risk.ok && risk.error.code).toBe('INVALID_INPUT');
    expect(!risk.ok && risk.error.message).toContain('riskPct');
    const phase = await app.dispatch('challenges:pass-chance', { templateId: PRESET, phase: 7 });
    expect(!phase.ok && phase.error.message).toContain('phase');
    const none = await app.dispatch('challenges:pass-chance', { templateId: 'nope' });
    expect(!none.ok && none.error.code).toBe('NOT_FOUND');
  });
});
