import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { CandleDto } from '../../../src/shared/dto';
import { seedCandles } from '../trading/helpers';

/** Wednesday 2 January 2019 00:00 UTC: the crafted data starts here. */
export const DATA_START = 1_546_387_200;
export const PRESET = 'two-step-10-5-static';

/**
 * Quiet EURUSD M1 bars at 1.10000 (range 0.5 pip) with the given bars replaced by [O, H, L, C]:
 * a breach or a target is then reached exactly where the test puts it.
 */
export function craftedCandles(
  count: number,
  special: Record<number, [number, number, number, number]>,
  startTs = DATA_START,
) {
  const out: CandleDto[] = [];
  for (let i = 0; i < count; i++) {
    const [open, high, low, close] = special[i] ?? [1.1, 1.10005, 1.09995, 1.1];
    out.push({ ts: startTs + i * 60, open, high, low, close, volume: 1 });
  }
  return out;
}

export async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) {
    throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), {
      code: result.error.code,
    });
  }
  return result.value as MethodOutput<K>;
}

/** The start of a challenge at bar 10 (00:10 UTC), spread 1 pip, no slippage or commission. */
export const START = {
  templateId: PRESET,
  symbol: 'EURUSD',
  startAt: '2019-01-02T00:10:00Z',
  spreadPts: 10,
} as const;

/**
 * Closes one 1-lot EURUSD long per entry of `rs`, each with a 10-pip stop loss, on crafted bars
 * (no spread or costs) so its result is exactly that many R: the next bar moves the bid by
 * r × 10 pips; a loss of 1 R is the stop loss itself, anything else is closed at the bar's close.
 * Trades with `sl: false` are opened without a stop loss (they have no R).
 */
export async function closeTradesInR(
  app: TickstepApp,
  rs: readonly number[],
  options: { symbol?: string; startTs?: number; sl?: boolean } = {},
): Promise<string> {
  const symbol = options.symbol ?? 'EURUSD';
  const startTs = options.startTs ?? DATA_START;
  const candles: CandleDto[] = [];
  let level = 110_000;
  candles.push({ ts: startTs, open: 1.1, high: 1.1, low: 1.1, close: 1.1, volume: 1 });
  for (const r of rs) {
    const close = level + Math.round(r * 100);
    candles.push({
      ts: startTs + candles.length * 60,
      open: level / 1e5,
      high: Math.max(level, close) / 1e5,
      low: Math.min(level, close) / 1e5,
      close: close / 1e5,
      volume: 1,
    });
    level = close;
  }
  candles.push({
    ts: startTs + candles.length * 60,
    open: level / 1e5,
    high: level / 1e5,
    low: level / 1e5,
    close: level / 1e5,
    volume: 1,
  });
  seedCandles(app, symbol, 'M1', candles);
  const session = await call(app, 'sessions:create', {
    symbol,
    startAt: new Date(startTs * 1000).toISOString(),
    balance: 100_000,
    spreadPts: 0,
  });
  for (let i = 0; i < rs.length; i++) {
    await call(app, 'orders:place', {
      sessionId: session.id,
      side: 'BUY',
      lots: 1,
      ...(options.sl === false ? {} : { slPips: 10 }),
    });
    await call(app, 'replay:step', { sessionId: session.id, bars: 1 });
    for (const p of await call(app, 'positions:list', { sessionId: session.id, status: 'OPEN' })) {
      await call(app, 'positions:close', { sessionId: session.id, positionId: p.id });
    }
  }
  return session.id;
}
