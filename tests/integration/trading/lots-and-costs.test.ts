import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { runCli } from '../../../src/main/cli/main';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(300));
  return t;
}

async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as MethodOutput<K>;
}

describe("the instrument's minimum lot and lot step, through the contract", () => {
  it('refuses 0.001 lots with the reason, and follows an edited instrument', async () => {
    const { app } = setup();
    const s = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T01:00:00Z' });
    const tiny = await app.dispatch('orders:place', { sessionId: s.id, side: 'BUY', lots: 0.001 });
    expect(tiny.ok).toBe(false);
    if (!tiny.ok) {
      expect(tiny.error.code).toBe('ORDER_REJECTED');
      expect(tiny.error.message).toBe("Lots 0.001 is below this instrument's minimum of 0.01 lots");
    }
    const eurusd = (await call(app, 'instruments:list', {})).find((i) => i.symbol === 'EURUSD')!;
    expect([eurusd.minLot, eurusd.lotStep]).toEqual([0.01, 0.01]);
    await call(app, 'instruments:save', { ...eurusd, minLot: 0.1, lotStep: 0.1 });
    const s2 = await call(app, 'sessions:create', { symbol: 'EURUSD', startAt: '2019-01-02T01:00:00Z' });
    const off = await app.dispatch('orders:place', { sessionId: s2.id, side: 'BUY', lots: 0.25 });
    expect(!off.ok && off.error.message).toBe(
      "Lots 0.25 is not a multiple of this instrument's lot step of 0.1",
    );
  });

  it('a replay script reports a lot below the minimum as a failed action with the reason', async () => {
    const t = tempApp();
    seedCandles(t.app, 'EURUSD', 'M1', syntheticCandles(30));
    t.app.close();
    const dir = mkdtempSync(join(tmpdir(), 'tickstep-lots-'));
    cleanups.push(() => {
      rmSync(t.dataDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });
    const file = join(dir, 'script.json');
    writeFileSync(
      file,
      JSON.stringify({
        symbol: 'EURUSD',
        from: '2019-01-02T00:00:00Z',
        to: '2019-01-02T00:05:00Z',
        actions: [{ at: '2019-01-02T00:00:00Z', type: 'market', side: 'buy', lots: 0.001 }],
      }),
    );
    const out: string[] = [];
    const err: string[] = [];
    await runCli(['replay', '--script', file, '--data-dir', t.dataDir, '--json'], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    const actions = JSON.parse(out.join('\n')).actions;
    expect(actions[0]).toMatchObject({
      ok: false,
      message: "Lots 0.001 is below this instrument's minimum of 0.01 lots",
    });
  });
});

describe('partial close costs, through the contract', () => {
  it("the closed part carries its lots' share of the entry commission in positions and the report", async () => {
    const { app } = setup();
    const s = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      startAt: '2019-01-02T01:00:00Z',
      commissionPerLot: 3.5,
    });
    const order = await call(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1 });
    await call(app, 'replay:step', { sessionId: s.id, bars: 3 });
    const part = await call(app, 'positions:close', {
      sessionId: s.id,
      positionId: order.positionId!,
      lots: 0.4,
    });
    // 0.4 of the entry's 3.50 plus its own exit commission of 0.4 * 3.50.
    expect(part.commissionCents).toBe(-280);
    const open = (await call(app, 'positions:list', { sessionId: s.id })).find(
      (p) => p.id === order.positionId,
    )!;
    expect(open.commissionCents).toBe(-210);
    await call(app, 'positions:close', { sessionId: s.id, positionId: order.positionId! });
    const report = await call(app, 'reports:create', { sessionId: s.id });
    const commissions = report.trades.map((t) => t.commissionCents).sort((a, b) => a - b);
    expect(commissions).toEqual([-420, -280]);
    const ledger = await call(app, 'ledger:list', { sessionId: s.id });
    const paid = ledger.filter((e) => e.type === 'COMMISSION').reduce((sum, e) => sum + e.amountCents, 0);
    expect(paid).toBe(-700);
  });
});
