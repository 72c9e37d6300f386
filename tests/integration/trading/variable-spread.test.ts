import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as MethodOutput<K>;
}

// An MT5 export whose spread widens from 7 to 25 points at 00:03 and narrows to 4 at 00:05.
const MT5 = [
  '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>',
  '2019.01.02\t00:00:00\t1.14600\t1.14620\t1.14590\t1.14610\t120\t0\t7',
  '2019.01.02\t00:01:00\t1.14610\t1.14650\t1.14600\t1.14640\t98\t0\t7',
  '2019.01.02\t00:02:00\t1.14640\t1.14660\t1.14630\t1.14650\t77\t0\t7',
  '2019.01.02\t00:03:00\t1.14650\t1.14670\t1.14640\t1.14660\t80\t0\t25',
  '2019.01.02\t00:04:00\t1.14660\t1.14680\t1.14650\t1.14670\t81\t0\t25',
  '2019.01.02\t00:05:00\t1.14670\t1.14690\t1.14660\t1.14680\t82\t0\t4',
  '',
].join('\n');

async function importMt5() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  const file = join(t.dataDir, 'mt5_EURUSD_M1.csv');
  writeFileSync(file, MT5);
  const result = await call(t.app, 'import:run', {
    source: { handle: t.app.files.grant(file, 'read') },
    options: {},
  });
  return { ...t, result };
}

const spreadRows = (app: TickstepApp) =>
  (app.ctx.store.sqlite.prepare('select count(*) as n from candle_spreads').get() as { n: number }).n;

describe("MT5's spread column", () => {
  it('is read and stored per bar, not listed as a column left unread', async () => {
    const { app, result } = await importMt5();
    expect(result.format).toBe('mt5');
    expect(result.ignoredColumns).toEqual(['<VOL>']);
    expect(spreadRows(app)).toBe(6);
  });

  it("fills each bar at that bar's spread, whatever the session's fixed spread", async () => {
    const { app } = await importMt5();
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T00:02:00Z',
      spreadPts: 10,
    });
    const long = await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    // 00:02 closes at 1.14650; its spread is 7 points.
    expect(long.fillPrice).toBe(1.14657);
    await call(app, 'replay:step', { sessionId: s.id });
    await call(app, 'positions:close', { sessionId: s.id, positionId: long.positionId! });
    const short = await call(app, 'orders:place', { sessionId: s.id, side: 'SELL', lots: 1 });
    await call(app, 'positions:close', { sessionId: s.id, positionId: short.positionId! });
    const ledger = await call(app, 'ledger:list', { sessionId: s.id });
    const of = (id: string) =>
      Object.fromEntries(ledger.filter((e) => e.positionId === id).map((e) => [e.type, e.amountCents]));
    // The long paid 7 points at entry (USD 7.00 a lot) and made 1.14650 -> 1.14660 = USD 10.00;
    // the short, opened and closed at 00:03, pays that bar's 25 points at its exit.
    expect(of(long.positionId!)).toEqual({ PNL: 1_000, SPREAD: -700 });
    expect(of(short.positionId!)).toEqual({ PNL: 0, SPREAD: -2_500 });
  });

  it('a resumed session prices at its cursor bar spread', async () => {
    const first = tempApp();
    const file = join(first.dataDir, 'mt5_EURUSD_M1.csv');
    writeFileSync(file, MT5);
    await call(first.app, 'import:run', {
      source: { handle: first.app.files.grant(file, 'read') },
      options: {},
    });
    const s = await call(first.app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T00:03:00Z' });
    first.app.close();
    const again = tempApp(first.dataDir);
    cleanups.push(again.cleanup);
    const buy = await call(again.app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    expect(buy.fillPrice).toBe(1.14685);
  });

  it('goes with its dataset', async () => {
    const { app, result } = await importMt5();
    await call(app, 'datasets:delete', { datasetId: result.datasetId });
    expect(spreadRows(app)).toBe(0);
  });
});

describe('spread schedule', () => {
  async function withSchedule(spreadSchedule: MethodInput<'instruments:save'>['spreadSchedule']) {
    const t = tempApp();
    cleanups.push(t.cleanup);
    // From Wednesday 2 January 2019 00:00 UTC: the rollover (17:00 New York) is at 22:00 UTC.
    seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(1_400));
    const eurusd = (await call(t.app, 'instruments:list', {})).find((i) => i.symbol === 'EURUSD')!;
    const { id, symbol, displayName, digits, pipSize, contractSize, baseCurrency, quoteCurrency } = eurusd;
    const saved = await call(t.app, 'instruments:save', {
      id,
      symbol,
      displayName,
      digits,
      pipSize,
      contractSize,
      baseCurrency,
      quoteCurrency,
      spreadSchedule,
    });
    return { app: t.app, saved };
  }

  it('is saved on the instrument and prices bars by hour, weekday and the rollover', async () => {
    // 6 points, 2 more on Wednesdays, 30 points from 21:55 to 22:05 UTC.
    const schedule = {
      hourPts: Array<number>(24).fill(6),
      weekdayPts: [0, 0, 0, 2, 0, 0, 0],
      rolloverPts: 30,
      rolloverMinutes: 5,
    };
    const { app, saved } = await withSchedule(schedule);
    expect(saved.spreadSchedule).toEqual(schedule);
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T21:50:00Z' });
    const snapshotAsk = async () => {
      const tick = await call(app, 'replay:snapshot', { sessionId: s.id, count: 1 });
      return Math.round((tick.account.ask - tick.account.bid) * 1e5);
    };
    expect(await snapshotAsk()).toBe(8);
    await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T21:55:00Z' });
    expect(await snapshotAsk()).toBe(30);
    await call(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T22:05:00Z' });
    expect(await snapshotAsk()).toBe(8);
  });

  it('refuses a schedule without 24 hours, naming the field', async () => {
    const t = tempApp();
    cleanups.push(t.cleanup);
    const result = await t.app.dispatch('instruments:save', {
      symbol: 'XYZUSD',
      displayName: 'XYZ',
      digits: 5,
      pipSize: 0.0001,
      contractSize: 100_000,
      baseCurrency: 'XYZ',
      quoteCurrency: 'USD',
      spreadSchedule: {
        hourPts: [5, 5],
        weekdayPts: [0, 0, 0, 0, 0, 0, 0],
        rolloverPts: 0,
        rolloverMinutes: 0,
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toContain('spreadSchedule.hourPts');
    }
  });
});
