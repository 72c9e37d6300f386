/**
 * Challenges through the contract on crafted data: a daily-loss breach at an intrabar low ends the
 * challenge FAILED at that tick with its numbers, a phase passes, the state survives a restart,
 * and a bad rulebook is refused naming the field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { seedCandles, tempApp } from '../trading/helpers';
import { call, craftedCandles, DATA_START, PRESET, START } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

// Bar 12 spikes to 1.09400 and back: 10 lots long from 1.10000 lose 6,000 + 100 spread there.
const SPIKE = craftedCandles(200, { 12: [1.1, 1.10005, 1.094, 1.0999] });
// Bar 12 rises to 1.10120: 10 lots long gain 1,200 - 100 spread.
const RISE = craftedCandles(200, { 12: [1.1, 1.1013, 1.09995, 1.1012] });

function setup(candles = SPIKE) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', candles);
  return t;
}

describe('challenge templates', () => {
  it('lists the presets; a copy is editable and a bad edit names the field', async () => {
    const { app } = setup();
    const templates = await call(app, 'challenges:list-templates', {});
    expect(templates.filter((t) => t.builtIn).map((t) => t.id)).toEqual([
      'instant-trailing-equity-lock',
      'one-step-trailing-eod',
      'paid-two-step-200k',
      'two-step-10-5-static',
      'two-step-8-5-time-limited',
    ]);
    const copy = await call(app, 'challenges:copy-template', { templateId: PRESET, name: 'Mine' });
    expect(copy.builtIn).toBe(false);
    expect(copy.copiedFrom).toBe(PRESET);
    expect(copy.template.name).toBe('Mine');

    const bad = structuredClone(copy.template) as unknown as {
      phases: { maxDailyLoss: { limitPct: number } }[];
      dayReset: { zone: string };
    };
    bad.phases[0]!.maxDailyLoss.limitPct = -5;
    const refused = await app.dispatch('challenges:save-template', { templateId: copy.id, template: bad });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('INVALID_INPUT');
      expect(refused.error.message).toContain('phases[0].maxDailyLoss.limitPct');
      const details = refused.error.details as { errors: { path: string }[] };
      expect(details.errors.map((e) => e.path)).toEqual(['phases[0].maxDailyLoss.limitPct']);
    }
    const zone = structuredClone(copy.template) as unknown as { dayReset: { zone: string } };
    zone.dayReset.zone = 'Mars/Olympus_Mons';
    const noZone = await app.dispatch('challenges:save-template', { templateId: copy.id, template: zone });
    expect(!noZone.ok && noZone.error.message).toContain('dayReset.zone');
    const notJson = await app.dispatch('challenges:save-template', { templateId: copy.id, template: 'x' });
    expect(!notJson.ok && notJson.error.code).toBe('INVALID_INPUT');
    // Nothing half-written: the copy is unchanged.
    const after = await call(app, 'challenges:list-templates', {});
    expect(after.find((t) => t.id === copy.id)?.template).toEqual(copy.template);

    const preset = await app.dispatch('challenges:save-template', {
      templateId: PRESET,
      template: copy.template,
    });
    expect(!preset.ok && preset.error.code).toBe('FORBIDDEN');
  });
});

describe('a challenge from a preset', () => {
  it('starts a session with the phase balance and every objective on the dashboard', async () => {
    const { app } = setup();
    const c = await call(app, 'challenges:start', START);
    expect(c.status).toBe('ACTIVE');
    expect(c.phaseName).toBe('Evaluation');
    expect(c.initialBalanceCents).toBe(10_000_000);
    const session = await call(app, 'sessions:get', { sessionId: c.sessionId });
    expect(session.initialBalanceCents).toBe(10_000_000);
    expect(session.startTs).toBe(DATA_START + 600);
    expect(c.progress.profitTarget).toEqual({
      targetCents: 1_000_000,
      profitCents: 0,
      remainingCents: 1_000_000,
      met: false,
    });
    expect(c.progress.dailyLoss).toMatchObject({ floorCents: 9_500_000, roomCents: 500_000 });
    expect(c.progress.overallLoss).toMatchObject({ floorCents: 9_000_000, roomCents: 1_000_000 });
    expect(c.progress.tradingDays).toEqual({ required: 4, counted: 0, met: false });
    expect(c.events.map((e) => e.kind)).toEqual(['started']);
    expect((await call(app, 'challenges:list', {})).map((x) => x.id)).toEqual([c.id]);
    const bound = await call(app, 'challenges:for-session', { sessionId: c.sessionId });
    expect(bound.challenge?.id).toBe(c.id);
  });

  it('the breach preview tells what a stop loss would leave of the daily and overall room', async () => {
    const { app } = setup();
    const c = await call(app, 'challenges:start', START);
    // 10 lots, stop loss 40 pips under a 1.10010 ask, exit at a 1.09610 bid: 4,000 USD.
    const safe = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      lots: 10,
      sl: 1.0961,
    });
    expect(safe.stopLossCents).toBe(400_000);
    expect(safe.daily).toEqual({ roomCents: 500_000, roomAfterCents: 100_000, breaches: false });
    expect(safe.overall).toEqual({ roomCents: 1_000_000, roomAfterCents: 600_000, breaches: false });
    const deep = await call(app, 'challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      lots: 10,
      sl: 1.0941,
    });
    expect(deep.daily?.breaches).toBe(true);
    expect(deep.overall?.breaches).toBe(false);
    const none = await call(app, 'challenges:preview-order', { challengeId: c.id, side: 'SELL', lots: 1 });
    expect(none.stopLossCents).toBeNull();
    expect(none.daily?.breaches).toBe(true);
    const wrongSide = await app.dispatch('challenges:preview-order', {
      challengeId: c.id,
      side: 'BUY',
      lots: 1,
      sl: 1.2,
    });
    expect(!wrongSide.ok && wrongSide.error.message).toMatch(/^sl: /);
  });

  it('a daily-loss breach at an intrabar low: FAILED at that tick with the numbers, positions closed there, no more orders', async () => {
    const { app } = setup();
    const c = await call(app, 'challenges:start', START);
    await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10 });
    const live = await call(app, 'challenges:get', { challengeId: c.id });
    // Equity 99,900 (the spread); equity meets 95,000 at a bid of 1.09510.
    expect(live.progress.dailyLoss).toMatchObject({ valueCents: 9_990_000, roomCents: 490_000 });
    expect(live.dailyFloor).toEqual({ floorCents: 9_500_000, price: 1.0951 });
    expect(live.overallFloor).toEqual({ floorCents: 9_000_000, price: 1.0901 });

    const tick = await call(app, 'replay:step', { sessionId: c.sessionId, bars: 20 });
    // The step stops at the breach bar: 00:12.
    expect(tick.cursorTs).toBe(DATA_START + 12 * 60);
    expect(tick.status).toBe('COMPLETED');
    expect(tick.fills.map((f) => [f.side, f.price, f.reason])).toEqual([['SELL', 1.094, 'CLOSE']]);

    const failed = await call(app, 'challenges:get', { challengeId: c.id });
    expect(failed.status).toBe('FAILED');
    // Samples: the order (0), bar 00:11's four ticks (1-4), then 00:12's O (5), X (6), Y = the low (7).
    expect(failed.breach).toMatchObject({
      rule: 'daily-loss',
      ts: DATA_START + 12 * 60,
      at: '2019-01-02T00:12:00Z',
      tick: 7,
      limit: 9_500_000,
      value: 9_390_000,
    });
    expect(failed.breach?.message).toContain('93,900.00 USD');
    expect(failed.breach?.message).toContain('95,000.00 USD');
    expect(failed.events.map((e) => e.kind)).toEqual(['started', 'failed']);
    const session = await call(app, 'sessions:get', { sessionId: c.sessionId });
    expect(session.balanceCents).toBe(9_390_000);
    expect(session.status).toBe('COMPLETED');

    const order = await app.dispatch('orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 1 });
    expect(!order.ok && order.error.code).toBe('SESSION_CLOSED');
    expect(!order.ok && order.error.message).toContain('This challenge FAILED: daily loss limit broken');
    const step = await app.dispatch('replay:step', { sessionId: c.sessionId, bars: 1 });
    expect(!step.ok && step.error.code).toBe('SESSION_CLOSED');
    const [summary] = await call(app, 'challenges:list', {});
    expect(summary?.status).toBe('FAILED');
    expect(summary?.breach?.rule).toBe('daily-loss');
  });

  it('passes a phase when every objective holds and nothing is open', async () => {
    const { app } = setup(RISE);
    const copy = await call(app, 'challenges:copy-template', { templateId: PRESET });
    const edited = structuredClone(copy.template);
    edited.phases[0]!.profitTargetPct = 1;
    edited.phases[0]!.minTradingDays = 1;
    await call(app, 'challenges:save-template', { templateId: copy.id, template: edited });
    const c = await call(app, 'challenges:start', { ...START, templateId: copy.id });
    const order = await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 2 });
    const open = await call(app, 'challenges:get', { challengeId: c.id });
    expect(open.status).toBe('ACTIVE');
    expect(open.progress.tradingDays).toEqual({ required: 1, counted: 1, met: true });
    await call(app, 'positions:close', { sessionId: c.sessionId, positionId: order.positionId! });
    const passed = await call(app, 'challenges:get', { challengeId: c.id });
    expect(passed.status).toBe('PASSED');
    expect(passed.passedTs).toBe(DATA_START + 12 * 60);
    expect(passed.progress.profitTarget).toMatchObject({ profitCents: 110_000, met: true });
    expect(passed.events.map((e) => e.kind)).toEqual(['started', 'passed']);
    const more = await app.dispatch('orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 1 });
    expect(!more.ok && more.error.message).toContain('PASSED');
    // The next phase starts as a challenge of its own.
    const next = await call(app, 'challenges:start', { ...START, templateId: copy.id, phase: 1 });
    expect(next.phaseName).toBe('Verification');
  });

  it('a phase that does not exist is refused naming the field; the plan limits active challenges', async () => {
    const { app } = setup();
    const noPhase = await app.dispatch('challenges:start', { ...START, phase: 5 });
    expect(!noPhase.ok && noPhase.error.message).toMatch(/^phase: /);
    const unknown = await app.dispatch('challenges:start', { ...START, templateId: 'nope' });
    expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
    await call(app, 'challenges:start', START);
    await call(app, 'challenges:start', START);
    const third = await app.dispatch('challenges:start', START);
    expect(!third.ok && third.error.code).toBe('QUOTA_EXCEEDED');
    expect((await call(app, 'challenges:list', {})).length).toBe(2);
  });
});

describe('challenge days', () => {
  it('the day resets at 00:00 Prague (23:00 UTC in winter): an event with the new day and floors', async () => {
    // 22:00 UTC on 2 January, 200 bars; bar 70 (23:10 UTC) rises 20 pips.
    const { app } = setup(craftedCandles(200, { 70: [1.1, 1.1021, 1.09995, 1.102] }, DATA_START + 22 * 3600));
    const c = await call(app, 'challenges:start', { ...START, startAt: '2019-01-02T22:10:00Z' });
    expect(c.progress.dayLabel).toBe('2019-01-02');
    await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 49 });
    const before = await call(app, 'challenges:get', { challengeId: c.id });
    expect(before.progress.dayNumber).toBe(1);
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 15 });
    const after = await call(app, 'challenges:get', { challengeId: c.id });
    expect(after.progress.dayNumber).toBe(2);
    expect(after.progress.dayLabel).toBe('2019-01-03');
    expect(after.events.map((e) => e.kind)).toEqual(['started', 'day-reset']);
    const reset = after.events[1]!;
    expect(reset.at).toBe('2019-01-02T23:00:00Z');
    // Balance at the reset is still 100,000 (the position is open): the floor stays at 95,000.
    expect(reset.detail).toMatchObject({ dayNumber: 2, dayLabel: '2019-01-03', dailyFloorCents: 9_500_000 });
    expect(after.progress.tradingDays.counted).toBe(1);
  });
});

describe('restart', () => {
  async function drive(
    app: TickstepApp,
    sessionId: string,
    restart: () => TickstepApp,
  ): Promise<TickstepApp> {
    await call(app, 'orders:place', { sessionId, side: 'BUY', lots: 10, sl: 1.08 });
    await call(app, 'replay:step', { sessionId, bars: 1 });
    const next = restart();
    await call(next, 'replay:step', { sessionId, bars: 20 });
    return next;
  }

  it('the evaluator state persists with the step: after a restart the breach lands on the same tick', async () => {
    const a = setup();
    const ca = await call(a.app, 'challenges:start', START);
    let reopened: ReturnType<typeof tempApp> | null = null;
    const appA = await drive(a.app, ca.sessionId, () => {
      a.app.close();
      reopened = tempApp(a.dataDir);
      return reopened.app;
    });
    cleanups.push(() => appA.close());

    const b = setup();
    const cb = await call(b.app, 'challenges:start', START);
    await drive(b.app, cb.sessionId, () => b.app);

    const afterRestart = await call(appA, 'challenges:get', { challengeId: ca.id });
    const straight = await call(b.app, 'challenges:get', { challengeId: cb.id });
    expect(afterRestart.status).toBe('FAILED');
    expect(afterRestart.breach).toEqual(straight.breach);
    expect(afterRestart.progress).toEqual(straight.progress);
    expect(afterRestart.breach?.tick).toBe(7);
  });
});
