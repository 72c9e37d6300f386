import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { CandleDto } from '../../../src/shared/dto';
import { seedCandles, syntheticCandles, tempApp } from './helpers';

let app: TickstepApp;
let candles: CandleDto[];
let cleanup: () => void;

beforeAll(() => {
  const t = tempApp();
  app = t.app;
  cleanup = t.cleanup;
  candles = syntheticCandles(900);
  seedCandles(app, 'EURUSD', 'M1', candles);
});
afterAll(() => cleanup());

async function call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as MethodOutput<K>;
}

/** An action the trader may take; a rejected one (no position to close) is simply not taken. */
type Op =
  | { kind: 'step'; bars: number }
  | { kind: 'market'; side: 'BUY' | 'SELL'; lots: number; slPips: number | null; tpPips: number | null }
  | { kind: 'pending'; side: 'BUY' | 'SELL'; type: 'LIMIT' | 'STOP'; pips: number; trailing: boolean }
  | { kind: 'close'; part: boolean }
  | { kind: 'cancel' }
  | { kind: 'move-sl'; pips: number }
  | { kind: 'break-even' }
  | { kind: 'reverse' }
  | { kind: 'cash'; amount: number }
  | { kind: 'risk'; maxTrades: number | null };

const side = fc.constantFrom('BUY' as const, 'SELL' as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('step' as const), bars: fc.integer({ min: 1, max: 25 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('market' as const),
      side,
      lots: fc.constantFrom(0.1, 0.5, 1),
      slPips: fc.option(fc.integer({ min: 3, max: 20 })),
      tpPips: fc.option(fc.integer({ min: 3, max: 20 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pending' as const),
      side,
      type: fc.constantFrom('LIMIT' as const, 'STOP' as const),
      pips: fc.integer({ min: 1, max: 10 }),
      trailing: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), part: fc.boolean() }) },
  fc.record({ kind: fc.constant('cancel' as const) }),
  fc.record({ kind: fc.constant('move-sl' as const), pips: fc.integer({ min: 2, max: 15 }) }),
  fc.record({ kind: fc.constant('break-even' as const) }),
  fc.record({ kind: fc.constant('reverse' as const) }),
  fc.record({ kind: fc.constant('cash' as const), amount: fc.constantFrom(-500, 250) }),
  fc.record({ kind: fc.constant('risk' as const), maxTrades: fc.option(fc.integer({ min: 2, max: 6 })) }),
);

const made: string[] = [];
/** The free plan holds two active sessions: each test's go at them ends by deleting them. */
async function dropSessions(): Promise<void> {
  while (made.length) await call('sessions:delete', { sessionId: made.pop()! });
}

async function newSession(): Promise<string> {
  const s = await call('sessions:create', {
    symbol: 'EURUSD',
    startAt: new Date(candles[10]!.ts * 1000).toISOString(),
    balance: 10_000,
    commissionPerLot: 3.5,
    slippagePts: 1,
  });
  made.push(s.id);
  return s.id;
}

async function apply(sessionId: string, o: Op): Promise<void> {
  const snapshot = () => call('replay:snapshot', { sessionId, count: 1 });
  const pip = 0.0001;
  try {
    if (o.kind === 'step') await call('replay:step', { sessionId, bars: o.bars });
    else if (o.kind === 'market') {
      await call('orders:place', {
        sessionId,
        side: o.side,
        type: 'MARKET',
        lots: o.lots,
        ...(o.slPips ? { slPips: o.slPips } : {}),
        ...(o.tpPips ? { tpPips: o.tpPips } : {}),
      });
    } else if (o.kind === 'pending') {
      const { account } = await snapshot();
      const bid = account.bid;
      const above = (o.side === 'BUY') === (o.type === 'STOP');
      const price = Math.round((above ? bid + o.pips * pip + 0.0002 : bid - o.pips * pip) * 1e5) / 1e5;
      await call('orders:place', {
        sessionId,
        side: o.side,
        type: o.type,
        lots: 0.2,
        price,
        ...(o.trailing ? { trailingPts: 40 } : {}),
      });
    } else {
      const { positions, orders } = await snapshot();
      const p = positions[0];
      if (o.kind === 'close' && p) {
        await call('positions:close', {
          sessionId,
          positionId: p.id,
          ...(o.part && p.lots >= 0.2 ? { lots: 0.1 } : {}),
        });
      } else if (o.kind === 'cancel' && orders[0]) {
        await call('orders:cancel', { sessionId, orderId: orders[0].id });
      } else if (o.kind === 'move-sl' && p) {
        const { account } = await snapshot();
        const sl = p.side === 'BUY' ? account.bid - o.pips * pip : account.ask + o.pips * pip;
        await call('positions:modify', { sessionId, positionId: p.id, sl: Math.round(sl * 1e5) / 1e5 });
      } else if (o.kind === 'break-even' && p) {
        await call('positions:break-even', { sessionId, positionId: p.id });
      } else if (o.kind === 'reverse' && p) {
        await call('positions:reverse', { sessionId, positionId: p.id });
      } else if (o.kind === 'cash') {
        await call('account:cash', { sessionId, type: 'ADJUSTMENT', amount: o.amount });
      } else if (o.kind === 'risk') {
        await call('sessions:update', { sessionId, risk: { maxTradesPerDay: o.maxTrades } });
      }
    }
  } catch (error) {
    // A rejection is an outcome the trader sees; it leaves the session as it was.
    if (!(error as { code?: string }).code) throw error;
  }
}

const ID_FIELDS = new Set(['id', 'positionId', 'orderId', 'ocoOrderId', 'parentId', 'parentPositionId']);
const DROPPED = new Set(['sessionId', 'createdAt', 'updatedAt', 'name']);

/** Everything the session holds, with ids renamed by first appearance (ids are names, not state). */
async function state(sessionId: string) {
  const names = new Map<string, string>();
  const rename = (v: unknown) => {
    if (typeof v !== 'string') return v;
    if (!names.has(v)) names.set(v, `#${names.size + 1}`);
    return names.get(v);
  };
  const clean = (rows: object[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => !DROPPED.has(k))
          .map(([k, v]) => [k, ID_FIELDS.has(k) ? rename(v) : v]),
      ),
    );
  const session = await call('sessions:get', { sessionId });
  const snap = await call('replay:snapshot', { sessionId, count: 3 });
  return {
    cursorTs: session.cursorTs,
    balanceCents: session.balanceCents,
    risk: session.risk,
    account: snap.account,
    candles: snap.candles,
    orders: clean(await call('orders:list', { sessionId, status: 'ALL' })),
    positions: clean(await call('positions:list', { sessionId, status: 'ALL' })),
    ledger: clean(await call('ledger:list', { sessionId })),
  };
}

const indexOf = (ts: number) => (ts - candles[0]!.ts) / 60;

describe('step back', () => {
  it('N bars back then N forward equals never having taken the undone actions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 4, maxLength: 30 }),
        fc.integer({ min: 1, max: 60 }),
        async (script, n) => {
          await dropSessions();
          const a = await newSession();
          for (const o of script) await apply(a, o);
          const start = indexOf((await call('sessions:get', { sessionId: a })).cursorTs);
          const back = Math.min(n, start - 10);
          fc.pre(back >= 1);
          const target = start - back;
          await call('replay:step-back', { sessionId: a, bars: back });
          expect((await call('sessions:get', { sessionId: a })).cursorTs).toBe(candles[target]!.ts);
          await call('replay:step', { sessionId: a, bars: back });

          // The same trader, who took no action at or after the bar stepped back to.
          const b = await newSession();
          for (const o of script) {
            const at = indexOf((await call('sessions:get', { sessionId: b })).cursorTs);
            if (at >= target) break;
            if (o.kind === 'step') await apply(b, { kind: 'step', bars: Math.min(o.bars, target - at) });
            else await apply(b, o);
          }
          const at = indexOf((await call('sessions:get', { sessionId: b })).cursorTs);
          if (at < target) await call('replay:step', { sessionId: b, bars: target - at });
          await call('replay:step', { sessionId: b, bars: back });

          expect(await state(a)).toEqual(await state(b));
        },
      ),
      { numRuns: 25, seed: 19 },
    );
  });

  it('rebuilds orders, positions, ledger and account exactly as at that bar', async () => {
    await dropSessions();
    const s = await newSession();
    await call('replay:step', { sessionId: s, bars: 5 });
    await call('orders:place', { sessionId: s, side: 'BUY', type: 'MARKET', lots: 1, slPips: 30 });
    await call('replay:step', { sessionId: s, bars: 5 });
    const before = await state(s);
    const pos = (await call('positions:list', { sessionId: s, status: 'OPEN' }))[0]!;
    await call('positions:close', { sessionId: s, positionId: pos.id, lots: 0.5 });
    await call('orders:place', { sessionId: s, side: 'SELL', type: 'MARKET', lots: 0.3 });
    await call('replay:step', { sessionId: s, bars: 7 });
    await call('account:cash', { sessionId: s, type: 'WITHDRAWAL', amount: 100 });
    await call('replay:step', { sessionId: s, bars: 3 });

    const undone = await call('replay:step-back', { sessionId: s, bars: 10 });
    expect(undone).toMatchObject({ undoneOrders: 1, undonePositions: 2 });
    expect(await state(s)).toEqual(before);
    expect((await call('sessions:get', { sessionId: s })).status).toBe('PAUSED');
  });

  it('takes the journal of undone trades with them, and the screenshots taken after that bar', async () => {
    await dropSessions();
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const s = await newSession();
    await call('replay:step', { sessionId: s, bars: 2 });
    await call('orders:place', { sessionId: s, side: 'BUY', type: 'MARKET', lots: 1 });
    const kept = (await call('positions:list', { sessionId: s, status: 'OPEN' }))[0]!;
    await call('journal:save', { positionId: kept.id, notes: 'my plan', tags: ['breakout'], rating: 4 });
    await call('journal:add-screenshot', { positionId: kept.id, kind: 'entry', pngBase64: png });
    await call('replay:step', { sessionId: s, bars: 5 });
    await call('journal:add-screenshot', { positionId: kept.id, kind: 'manual', pngBase64: png });
    await call('orders:place', { sessionId: s, side: 'SELL', type: 'MARKET', lots: 0.5 });
    const undone = (await call('positions:list', { sessionId: s, status: 'OPEN' }))[1]!;
    await call('journal:save', { positionId: undone.id, notes: 'hindsight', tags: [], rating: null });

    await call('replay:step-back', { sessionId: s, bars: 3 });
    const journal = await call('journal:list', { sessionId: s });
    expect(journal.map((j) => [j.positionId, j.notes])).toEqual([[kept.id, 'my plan']]);
    const shots = await call('journal:screenshots', { sessionId: s });
    expect(shots.map((x) => x.kind)).toEqual(['entry']);
  });

  it('asks for no more bars than the log holds: a clear error naming the field', async () => {
    await dropSessions();
    const s = await newSession();
    await call('replay:step', { sessionId: s, bars: 3 });
    const result = await app.dispatch('replay:step-back', { sessionId: s, bars: 4 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toContain('Only 3 bars can be stepped back');
      expect(result.error.details).toMatchObject({ field: 'bars', available: 3 });
    }
  });

  it('is locked in a challenge and in a blind session', async () => {
    for (const table of ['challenges', 'blind_sessions']) {
      await dropSessions();
      const s = await newSession();
      await call('replay:step', { sessionId: s, bars: 3 });
      const db = app.ctx.store.sqlite;
      db.pragma('foreign_keys = OFF');
      if (table === 'challenges') {
        db.prepare(
          `INSERT INTO challenges (id, user_id, session_id, template_id, rulebook_json, phase_index, status, start_ts, evaluator_json, created_at, updated_at)
           VALUES (?, 'u', ?, 't', '{}', 0, 'ACTIVE', 0, '{}', 0, 0)`,
        ).run(`c-${s}`, s);
      } else {
        db.prepare(
          'INSERT INTO blind_sessions (session_id, seed, time_shift_seconds, price_offset, created_at) VALUES (?, 1, 0, 0, 0)',
        ).run(s);
      }
      db.pragma('foreign_keys = ON');
      const result = await app.dispatch('replay:step-back', { sessionId: s, bars: 1 });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('FORBIDDEN');
        expect(result.error.message).toMatch(/(challenge|blind): its past is locked/);
      }
      const branch = await app.dispatch('sessions:branch', { sessionId: s });
      expect(branch.ok).toBe(false);
    }
  });
});

describe('branch', () => {
  it('starts a new session with the same state at any bar; the original stays as it was', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 4, maxLength: 25 }),
        fc.integer({ min: 0, max: 40 }),
        async (script, n) => {
          await dropSessions();
          const parent = await newSession();
          for (const o of script) await apply(parent, o);
          const cursor = (await call('sessions:get', { sessionId: parent })).cursorTs;
          const back = Math.min(n, indexOf(cursor) - 10);
          const at = candles[indexOf(cursor) - back]!.ts;
          const before = await state(parent);
          const child = await call('sessions:branch', {
            sessionId: parent,
            ...(back > 0 ? { at: new Date(at * 1000).toISOString() } : {}),
          });
          made.push(child.id);
          expect(child).toMatchObject({
            parentSessionId: parent,
            branchedAtTs: at,
            cursorTs: at,
            status: 'PAUSED',
          });
          expect(await state(parent)).toEqual(before);
          // The branch is the parent stepped back to that bar.
          if (back > 0) await call('replay:step-back', { sessionId: parent, bars: back });
          expect(await state(child.id)).toEqual(await state(parent));
        },
      ),
      { numRuns: 15, seed: 20 },
    );
  });

  it('trades on by itself, and the sessions list shows the family', async () => {
    await dropSessions();
    const parent = await newSession();
    await call('replay:step', { sessionId: parent, bars: 5 });
    await call('orders:place', { sessionId: parent, side: 'BUY', type: 'MARKET', lots: 1 });
    await call('replay:step', { sessionId: parent, bars: 5 });
    const before = await state(parent);
    const child = await call('sessions:branch', { sessionId: parent, name: 'Try the short' });
    made.push(child.id);
    const open = await call('positions:list', { sessionId: child.id, status: 'OPEN' });
    await call('positions:close', { sessionId: child.id, positionId: open[0]!.id });
    await call('orders:place', { sessionId: child.id, side: 'SELL', type: 'MARKET', lots: 2 });
    await call('replay:step', { sessionId: child.id, bars: 20 });
    // Its own log replays too: a step back inside the branch.
    await call('replay:step-back', { sessionId: child.id, bars: 5 });
    expect(await state(parent)).toEqual(before);
    const list = await call('sessions:list', {});
    expect(list.find((s) => s.id === child.id)).toMatchObject({
      name: 'Try the short',
      parentSessionId: parent,
    });
    expect(list.find((s) => s.id === parent)).toMatchObject({ parentSessionId: null });
  });

  it('never starts after the replay time: that would show the future', async () => {
    await dropSessions();
    const parent = await newSession();
    await call('replay:step', { sessionId: parent, bars: 5 });
    const result = await app.dispatch('sessions:branch', {
      sessionId: parent,
      at: new Date(candles[40]!.ts * 1000).toISOString(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.details).toMatchObject({ field: 'at' });
    }
  });
});
