import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExecutionEngine } from '../../../src/core/execution/engine';
import type { InstrumentSpec } from '../../../src/core/execution/instrument';
import type { AccountSettings, Outcome, RiskRules } from '../../../src/core/execution/types';
import { EURGBP, EURUSD, USDJPY } from './helpers';

/**
 * Golden replay: a fixed-seed random script of trader actions over generated bars, whose every
 * ledger entry, fill, order and position change, action outcome and final state are compared to a
 * committed fixture. It pins the engine's behaviour bit for bit (margins are floats), so a
 * refactor that reorders arithmetic or evaluation shows up here even when every rule-level test
 * still passes. Regenerate only for an intended change of the execution model:
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/engine/golden-replay.test.ts`, then
 * `npx biome format --write tests/unit/engine/fixtures` (a fixture biome would reformat makes
 * `biome check` crawl through a megabyte diff).
 */

const FIXTURE = new URL('./fixtures/golden-replay.json', import.meta.url);

/** mulberry32: the same stream on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Scenario {
  name: string;
  seed: number;
  instrument: InstrumentSpec;
  account: AccountSettings;
  risk?: RiskRules;
  depositCents: number;
  /** First close, points. */
  startPts: number;
  bars: number;
  /** Bar range scale, points. */
  range: number;
  /** Chance of an action before each bar. */
  activity: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'EURUSD, slippage, commission, every action',
    seed: 1,
    instrument: EURUSD,
    account: {
      currency: 'USD',
      leverage: 100,
      spreadPts: 7,
      slippagePts: 2,
      commissionPerLotCents: 350,
      stopOutPct: 50,
      quoteRate: null,
    },
    depositCents: 5_000_000,
    startPts: 110_000,
    bars: 360,
    range: 25,
    activity: 0.45,
  },
  {
    name: 'USDJPY on a USD account, risk rules on',
    seed: 2,
    instrument: USDJPY,
    account: {
      currency: 'USD',
      leverage: 50,
      spreadPts: 12,
      slippagePts: 3,
      commissionPerLotCents: 500,
      stopOutPct: 50,
      quoteRate: null,
    },
    risk: {
      maxRiskPct: 0.4,
      maxDailyLossCents: 8_000,
      maxTradesPerDay: 25,
      defaultSlPips: 15,
      defaultTpPips: 30,
    },
    depositCents: 2_000_000,
    startPts: 145_000,
    bars: 360,
    range: 30,
    activity: 0.45,
  },
  {
    name: 'EURGBP cross with a rate, thin account, stop-outs',
    seed: 3,
    instrument: EURGBP,
    account: {
      currency: 'USD',
      leverage: 500,
      spreadPts: 9,
      slippagePts: 1,
      commissionPerLotCents: 250,
      stopOutPct: 50,
      quoteRate: 1.27,
    },
    depositCents: 60_000,
    startPts: 86_000,
    bars: 360,
    range: 40,
    activity: 0.5,
  },
];

function runScenario(s: Scenario) {
  const random = prng(s.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let n = 0;
  const engine = new ExecutionEngine({
    instrument: s.instrument,
    account: s.account,
    risk: s.risk,
    newId: () => `${s.seed}-${++n}`,
  });
  const scale = engine.scale;
  const price = (pts: number) => pts / scale;
  const pip = engine.pipPts;

  const log: unknown[] = [];
  const record = (step: number, action: string, outcome: Outcome<unknown>) => {
    log.push(outcome.ok ? { step, action, ok: true } : { step, action, ok: false, reason: outcome.reason });
  };
  const drain = (step: number) => {
    const c = engine.drainChanges();
    if (c.ledger.length + c.fills.length + c.orders.length + c.positions.length === 0) return;
    log.push({
      step,
      ledger: c.ledger,
      fills: c.fills,
      orders: c.orders.map((o) => ({ ...o })),
      positions: c.positions.map((p) => ({ ...p })),
    });
  };

  let ts = 1_546_300_800 + int(0, 23) * 3600; // 2019-01-01, some hour: the script crosses days
  let closePts = s.startPts;
  engine.cashEntry('DEPOSIT', s.depositCents);
  engine.prime(ts, price(closePts));
  drain(0);

  const act = (step: number) => {
    const bid = engine.bidPts;
    const ask = engine.askPts;
    const side = random() < 0.5 ? ('BUY' as const) : ('SELL' as const);
    const dir = side === 'BUY' ? 1 : -1;
    const lots = pick([0.01, 0.1, 0.25, 0.5, 1, 2]);
    const kind = random();
    if (kind < 0.22) {
      // Market, with SL/TP as prices, as pips, or none; sometimes trailing.
      const ref = side === 'BUY' ? bid : ask;
      const how = random();
      const slDist = int(5, 60);
      const tpDist = int(5, 90);
      record(
        step,
        `market ${side} ${lots}`,
        engine.placeOrder({
          side,
          type: 'MARKET',
          lots,
          sl: how < 0.4 ? price(ref - dir * slDist) : null,
          tp: how < 0.4 ? price(ref + dir * tpDist) : null,
          slPips: how >= 0.4 && how < 0.7 ? slDist / pip : null,
          tpPips: how >= 0.4 && how < 0.7 ? tpDist / pip : null,
          trailingPts: random() < 0.2 ? int(5, 40) : null,
          comment: random() < 0.1 ? 'golden' : null,
        }),
      );
    } else if (kind < 0.44) {
      // Pending, sometimes on the wrong side, sometimes expiring, sometimes OCO with the last one.
      const type = random() < 0.5 ? ('LIMIT' as const) : ('STOP' as const);
      const below = (type === 'LIMIT') === (side === 'BUY');
      const ref = side === 'BUY' ? ask : bid;
      const offset = random() < 0.08 ? -int(1, 10) : int(3, 60);
      const at = ref + (below ? -1 : 1) * offset;
      const last = engine.pending[engine.pending.length - 1];
      record(
        step,
        `${type} ${side} ${lots} @${at}`,
        engine.placeOrder({
          side,
          type,
          lots,
          price: price(at),
          sl: random() < 0.6 ? price(at - dir * int(5, 50)) : null,
          tp: random() < 0.5 ? price(at + dir * int(5, 80)) : null,
          trailingPts: random() < 0.15 ? int(5, 30) : null,
          expiryTs: random() < 0.25 ? ts + int(-60, 1800) : null,
          ocoWith: last && random() < 0.3 ? last.id : null,
        }),
      );
    } else if (kind < 0.5) {
      const o = engine.pending.length > 0 ? pick(engine.pending) : null;
      record(step, 'cancel', engine.cancelOrder(o ? o.id : 'none'));
    } else if (kind < 0.57) {
      const o = engine.pending.length > 0 ? pick(engine.pending) : null;
      if (!o) return;
      const odir = o.side === 'BUY' ? 1 : -1;
      const p = o.pricePts! + int(-8, 8);
      record(
        step,
        'modify order',
        engine.modifyOrder(o.id, {
          price: random() < 0.6 ? price(p) : undefined,
          sl: random() < 0.5 ? price(p - odir * int(-5, 40)) : random() < 0.5 ? null : undefined,
          tp: random() < 0.5 ? price(p + odir * int(5, 60)) : undefined,
          trailingPts: random() < 0.2 ? int(0, 20) : undefined,
          expiryTs: random() < 0.2 ? ts + int(-60, 900) : undefined,
        }),
      );
    } else if (kind < 0.65) {
      const p = engine.open.length > 0 ? pick(engine.open) : null;
      if (!p) return;
      const pdir = p.side === 'BUY' ? 1 : -1;
      const ref = p.side === 'BUY' ? bid : ask;
      record(
        step,
        'modify position',
        engine.modifyPosition(p.id, {
          sl: random() < 0.5 ? price(ref - pdir * int(-5, 50)) : random() < 0.3 ? null : undefined,
          tp: random() < 0.5 ? price(ref + pdir * int(-5, 70)) : undefined,
          trailingPts: random() < 0.3 ? (random() < 0.2 ? -1 : int(0, 35)) : undefined,
        }),
      );
    } else if (kind < 0.69) {
      const p = engine.open.length > 0 ? pick(engine.open) : null;
      record(step, 'break-even', engine.breakEven(p ? p.id : 'none'));
    } else if (kind < 0.79) {
      const p = engine.open.length > 0 ? pick(engine.open) : null;
      if (!p) return;
      const part = random() < 0.5 ? undefined : pick([0.01, 0.1, 0.3, 5]);
      record(step, `close ${part ?? 'all'}`, engine.closePosition(p.id, part));
    } else if (kind < 0.83) {
      log.push({ step, action: 'close all', closed: engine.closeAll().map((p) => p.id) });
    } else if (kind < 0.87) {
      const p = engine.open.length > 0 ? pick(engine.open) : null;
      record(step, 'reverse', engine.reversePosition(p ? p.id : 'none'));
    } else if (kind < 0.93) {
      const type = pick(['DEPOSIT', 'WITHDRAWAL', 'ADJUSTMENT'] as const);
      const amount = random() < 0.05 ? 0 : int(-s.depositCents / 10, s.depositCents / 10);
      record(step, `${type} ${amount}`, engine.cashEntry(type, amount));
    } else {
      record(step, 'account', { ok: true, value: null });
      log.push({ step, account: engine.accountState(), openPnl: engine.openPnl() });
    }
  };

  for (let step = 1; step <= s.bars; step++) {
    if (random() < s.activity) act(step);
    if (random() < 0.15) act(step);
    drain(step);
    // Bars in points: mostly continuous, sometimes a gap or a hole in time (weekend-like).
    const gap = random() < 0.06 ? int(-4, 4) * s.range : 0;
    ts += random() < 0.02 ? int(2, 3000) * 60 : 60;
    const open = closePts + gap;
    const close = open + Math.round((random() - 0.5) * 2 * s.range);
    const high = Math.max(open, close) + int(0, s.range);
    const low = Math.min(open, close) - int(0, s.range);
    engine.processBar(ts, price(open), price(high), price(low), price(close));
    closePts = close;
    drain(step);
    if (step % 50 === 0) log.push({ step, account: engine.accountState() });
  }
  return { name: s.name, log, final: engine.exportState(), account: engine.accountState() };
}

describe('golden replay', () => {
  it('a fixed-seed script replays to the committed ledger, fills and final state', () => {
    // Through JSON, as the fixture went: the comparison is of what the fixture can hold.
    const actual: unknown = JSON.parse(JSON.stringify(SCENARIOS.map(runScenario)));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });
});
