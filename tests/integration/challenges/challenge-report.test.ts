/**
 * A finished challenge has a report like a session whichever way it ends: a breach at a step, a
 * pass by the trader's close, or the trader ending it early (`challenges:end`); the report lists
 * the challenge's events (start, daily resets, the outcome) with the numbers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCandles, tempApp } from '../trading/helpers';
import { call, craftedCandles, PRESET, START } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup(candles: ReturnType<typeof craftedCandles>) {
  const t = tempApp();
  cleanups.push(() => t.cleanup());
  seedCandles(t.app, 'EURUSD', 'M1', candles);
  return t;
}

describe('a challenge ended by the trader', () => {
  it('closes what is open, is ENDED with its numbers, completes the session and stores its report', async () => {
    // Quiet bars at 1.10000 past 23:00 UTC, the preset's 00:00 Prague reset; bar 1400 rises 20 pips.
    const t = setup(craftedCandles(1500, { 1400: [1.1, 1.1021, 1.1, 1.102] }));
    const { app } = t;
    const c = await call(app, 'challenges:start', START);
    await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 1 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 1390 }); // to 23:20 UTC, bar 1400
    expect((await call(app, 'reports:list', { sessionId: c.sessionId })).length).toBe(0);

    const ended = await call(app, 'challenges:end', { challengeId: c.id });
    expect(ended.status).toBe('ENDED');
    expect(ended.events.map((e) => e.kind)).toEqual(['started', 'day-reset', 'ended']);
    // 1 lot long from the ask 1.10010 (spread 1 pip) closed at the bid 1.10200: +190.00 USD.
    expect(ended.events.at(-1)?.detail).toMatchObject({
      reason: 'ended by the trader',
      balanceCents: 10_019_000,
      profitCents: 19_000,
      dayNumber: 2,
      message: 'ended by the trader before a pass or a breach, with a profit of 190.00 USD',
    });
    expect(await call(app, 'positions:list', { sessionId: c.sessionId, status: 'OPEN' })).toEqual([]);
    expect((await call(app, 'sessions:get', { sessionId: c.sessionId })).status).toBe('COMPLETED');
    const step = await app.dispatch('replay:step', { sessionId: c.sessionId, bars: 1 });
    expect(!step.ok && step.error.code).toBe('SESSION_CLOSED');
    expect(!step.ok && step.error.message).toContain('ended by the trader');
    const again = await app.dispatch('challenges:end', { challengeId: c.id });
    expect(!again.ok && again.error.code).toBe('SESSION_CLOSED');
    expect((await call(app, 'challenges:list', {}))[0]?.status).toBe('ENDED');

    const [item] = await call(app, 'reports:list', { sessionId: c.sessionId });
    expect(item?.netProfitCents).toBe(19_000);
    const report = await call(app, 'reports:get', { reportId: item!.id });
    expect(report.challenge).toMatchObject({
      challengeId: c.id,
      templateName: 'Two-step 10 % / 5 %, static drawdown',
      phaseName: 'Evaluation',
      status: 'ENDED',
      outcome: 'ended by the trader before a pass or a breach, with a profit of 190.00 USD',
    });
    expect(report.challenge?.events.map((e) => [e.kind, e.at])).toEqual([
      ['started', '2019-01-02T00:10:00Z'],
      ['day-reset', '2019-01-02T23:00:00Z'],
      ['ended', '2019-01-02T23:20:00Z'],
    ]);
    expect(report.challenge?.events[1]?.detail).toMatchObject({
      dayNumber: 2,
      dailyFloorCents: 9_500_000, // the day's opening balance, 100,000.00, less 5 %
      overallFloorCents: 9_000_000,
    });

    // After a restart it is still ended.
    app.close();
    const reopened = tempApp(t.dataDir);
    cleanups.push(() => reopened.app.close());
    expect((await call(reopened.app, 'challenges:get', { challengeId: c.id })).status).toBe('ENDED');
    const later = await reopened.app.dispatch('orders:place', {
      sessionId: c.sessionId,
      side: 'BUY',
      lots: 1,
    });
    expect(!later.ok && later.error.code).toBe('SESSION_CLOSED');
  });

  it('a challenge that does not exist is NOT_FOUND', async () => {
    const { app } = setup(craftedCandles(50, {}));
    const none = await app.dispatch('challenges:end', { challengeId: 'nope' });
    expect(!none.ok && none.error.code).toBe('NOT_FOUND');
  });
});

describe('reports of challenges that end by the rules', () => {
  it('a pass by the trader’s close stores one report with the outcome', async () => {
    const { app } = setup(craftedCandles(200, { 12: [1.1, 1.1013, 1.09995, 1.1012] }));
    const copy = await call(app, 'challenges:copy-template', { templateId: PRESET });
    const edited = structuredClone(copy.template);
    edited.phases[0]!.profitTargetPct = 1;
    edited.phases[0]!.minTradingDays = 1;
    await call(app, 'challenges:save-template', { templateId: copy.id, template: edited });
    const c = await call(app, 'challenges:start', { ...START, templateId: copy.id });
    const order = await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 2 });
    await call(app, 'positions:close', { sessionId: c.sessionId, positionId: order.positionId! });
    const reports = await call(app, 'reports:list', { sessionId: c.sessionId });
    expect(reports.length).toBe(1);
    const report = await call(app, 'reports:get', { reportId: reports[0]!.id });
    expect(report.challenge?.status).toBe('PASSED');
    expect(report.challenge?.outcome).toBe('passed at 2019-01-02T00:12:00Z: every objective met');
    expect(report.challenge?.events.map((e) => e.kind)).toEqual(['started', 'passed']);
  });

  it('a breach at a step stores one report (not two) with the breach in words', async () => {
    const { app } = setup(craftedCandles(200, { 12: [1.1, 1.10005, 1.094, 1.0999] }));
    const c = await call(app, 'challenges:start', START);
    await call(app, 'orders:place', { sessionId: c.sessionId, side: 'BUY', lots: 10 });
    await call(app, 'replay:step', { sessionId: c.sessionId, bars: 3 });
    const reports = await call(app, 'reports:list', { sessionId: c.sessionId });
    expect(reports.length).toBe(1);
    const report = await call(app, 'reports:get', { reportId: reports[0]!.id });
    expect(report.challenge?.status).toBe('FAILED');
    expect(report.challenge?.outcome).toContain('daily loss limit broken at 2019-01-02T00:12:00Z');
    expect(report.challenge?.events.map((e) => e.kind)).toEqual(['started', 'failed']);
  });

  it('a plain session’s report has no challenge part', async () => {
    const { app } = setup(craftedCandles(50, {}));
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T00:10:00Z' });
    const report = await call(app, 'reports:create', { sessionId: s.id });
    expect(report.challenge).toBeNull();
  });
});
