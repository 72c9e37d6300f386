/**
 * Blind practice through the contract: every answer, push and export of a running blind session
 * is scanned for the data's dates and prices and none is found; jumping is refused; an order at a
 * masked price is stored at the real one; once the session ends, everything shows as stored.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { BLIND_EPOCH_TS, formatBlindTs, isMaskedTs } from '../../../src/shared/blind-time';
import { call } from '../challenges/helpers';
import { seedCandles, syntheticCandles, tempApp } from '../trading/helpers';
import { findLeak } from './blind-leaks';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

// Four days of EURUSD M1 from 2 January 2019 around 1.14000.
const CANDLES = syntheticCandles(4 * 1440);
const REAL_PRICE = /\b1\.1[0-9]{3,4}\b/;

function setup() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', CANDLES);
  return t;
}

/** Everything a trader can read of one session, through every method that shows it. */
async function everyScreen(app: TickstepApp, sessionId: string, reportId: string) {
  return {
    session: await call(app, 'sessions:get', { sessionId }),
    sessions: await call(app, 'sessions:list', {}),
    snapshot: await call(app, 'replay:snapshot', { sessionId, count: 3000 }),
    hourly: await call(app, 'replay:snapshot', { sessionId, timeframe: 'H1', count: 200 }),
    orders: await call(app, 'orders:list', { sessionId }),
    positions: await call(app, 'positions:list', { sessionId }),
    ledger: await call(app, 'ledger:list', { sessionId }),
    summary: await call(app, 'sessions:summary', { sessionId }),
    reportSummary: await call(app, 'reports:summary', { sessionId }),
    report: await call(app, 'reports:get', { reportId }),
    reports: await call(app, 'reports:list', {}),
    journal: await call(app, 'journal:list', { sessionId }),
  };
}

describe('blind sessions', () => {
  it('the same seed draws the same instrument and start; without data it says to import first', async () => {
    const empty = tempApp();
    cleanups.push(empty.cleanup);
    const none = await empty.app.dispatch('blind:start', { seed: 7 });
    expect(!none.ok && none.error.code).toBe('OUT_OF_DATA');

    const { app } = setup();
    const a = await call(app, 'blind:start', { seed: 7 });
    const b = await call(app, 'blind:start', { seed: 7 });
    await call(app, 'blind:end', { sessionId: a.id });
    await call(app, 'blind:end', { sessionId: b.id });
    const ra = await call(app, 'blind:get', { sessionId: a.id });
    const rb = await call(app, 'blind:get', { sessionId: b.id });
    expect(ra.reveal).toEqual(rb.reveal);
    expect(ra.reveal?.symbol).toBe('EURUSD');
  });

  it('no screen, push or export of a running blind session shows a date or a real price; the end reveals them', async () => {
    const { app } = setup();
    const pushed: unknown[] = [];
    const stop = app.events.subscribe((_name, payload) => pushed.push(payload));
    cleanups.push(stop);

    const session = await call(app, 'blind:start', { seed: 42, rebase: true });
    const sessionId = session.id;
    expect(isMaskedTs(session.startTs)).toBe(true);
    expect(formatBlindTs(session.startTs)).toMatch(/^Day 1 \d\d:\d\d$/);
    expect(session.name).toBe('Blind #42');

    // Trade a little: a market buy with a stop, a pending limit at a masked price, a close.
    await call(app, 'replay:step', { sessionId, bars: 5 });
    const snap = await call(app, 'replay:snapshot', { sessionId, count: 10 });
    const bid = snap.account.bid;
    expect(bid).toBeGreaterThan(1.4);
    await call(app, 'orders:place', { sessionId, side: 'BUY', lots: 1, sl: bid - 0.005, tp: bid + 0.005 });
    const limit = await call(app, 'orders:place', {
      sessionId,
      side: 'BUY',
      type: 'LIMIT',
      lots: 1,
      price: bid - 0.01,
    });
    expect(limit.price).toBeCloseTo(bid - 0.01, 5);
    const stored = app.ctx.store.sqlite.prepare('SELECT price FROM orders WHERE id = ?').get(limit.id) as {
      price: number;
    };
    expect(stored.price).toBeGreaterThan(1.1);
    expect(stored.price).toBeLessThan(1.2);
    await call(app, 'replay:step', { sessionId, bars: 60 });
    const open = await call(app, 'positions:list', { sessionId, status: 'OPEN' });
    for (const p of open) await call(app, 'positions:close', { sessionId, positionId: p.id });
    await call(app, 'replay:step', { sessionId, bars: 1500 });
    const closed = await call(app, 'positions:list', { sessionId });
    await call(app, 'journal:save', { positionId: closed[0]!.id, notes: 'felt good', tags: ['blind'] });

    // Jumping would skip ahead by date: locked, and the refusal says so.
    const jump = await app.dispatch('replay:jump', { sessionId, to: '2019-01-04T00:00:00Z' });
    expect(!jump.ok && jump.error.code).toBe('FORBIDDEN');
    expect(!jump.ok && jump.error.message).toMatch(/locked in a blind session/);

    const report = await call(app, 'reports:create', { sessionId });
    const screens = await everyScreen(app, sessionId, report.id);
    const years = [2019];
    expect(findLeak(JSON.stringify(screens), years, REAL_PRICE)).toBeNull();
    expect(findLeak(JSON.stringify(pushed), years, REAL_PRICE)).toBeNull();
    expect(screens.snapshot.candles.length).toBeGreaterThan(1000);
    expect(screens.snapshot.candles.every((c) => isMaskedTs(c.ts))).toBe(true);
    expect(screens.report.trades.length).toBeGreaterThan(0);

    for (const format of ['json', 'csv', 'html'] as const) {
      const file = await call(app, 'reports:export', { reportId: report.id, format });
      const text = readFileSync(file.path, 'utf8');
      expect(findLeak(text, years, REAL_PRICE), format).toBeNull();
      if (format !== 'json') expect(text).toMatch(/Day \d+ \d\d:\d\d/);
    }

    // The end reveals: real times, real prices, and the blind facts.
    const info = await call(app, 'blind:end', { sessionId });
    expect(info.revealed).toBe(true);
    expect(info.reveal?.symbol).toBe('EURUSD');
    expect(info.reveal?.startAt).toMatch(/^2019-01-0[2-5]T/);
    expect(info.reveal?.priceOffset).toBeGreaterThan(0.3);
    const after = await call(app, 'replay:snapshot', { sessionId, count: 10 });
    expect(isMaskedTs(after.session.cursorTs)).toBe(false);
    expect(after.candles.at(-1)!.close).toBeLessThan(1.2);
    const revealed = await call(app, 'reports:get', { reportId: report.id });
    expect(JSON.stringify(revealed)).toMatch(REAL_PRICE);
    const csv = await call(app, 'reports:export', { reportId: report.id, format: 'csv' });
    expect(readFileSync(csv.path, 'utf8')).toMatch(/2019-01-0\d/);
  });

  it('without rebasing the prices show as stored while the dates stay hidden', async () => {
    const { app } = setup();
    const session = await call(app, 'blind:start', { seed: 3, rebase: false });
    const snap = await call(app, 'replay:snapshot', { sessionId: session.id, count: 50 });
    expect(snap.candles.at(-1)!.close).toBeLessThan(1.2);
    expect(snap.candles.at(-1)!.ts).toBeGreaterThanOrEqual(BLIND_EPOCH_TS - 86_400);
    expect(findLeak(JSON.stringify(snap), [2019], /(?!)/)).toBeNull();
    const info = await call(app, 'blind:get', { sessionId: session.id });
    expect(info).toMatchObject({ blind: true, rebased: false, revealed: false, reveal: null });
  });

  it('an ordinary session is untouched, and blind:get says it is not blind', async () => {
    const { app } = setup();
    await call(app, 'blind:start', { seed: 1 });
    const plain = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T12:00:00Z' });
    expect(plain.startTs).toBe(Date.parse('2019-01-02T12:00:00Z') / 1000);
    const list = await call(app, 'sessions:list', {});
    expect(list.find((s) => s.id === plain.id)?.name).toBe('EURUSD 2019-01-02');
    expect((await call(app, 'blind:get', { sessionId: plain.id })).blind).toBe(false);
  });
});
