import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PerformanceSummaryDto } from '../../shared/contract/reports';
import type { OrderDto, PositionDto, SessionDto, TransactionDto } from '../../shared/dto';
import { AppError, ErrorCode } from '../../shared/errors';
import { SPEEDS, TIMEFRAMES } from '../../shared/timeframes';
import type { TickstepApp } from '../app/open-app';
import { isoToTs, tsToIso } from '../features/trading';
import { callMethod } from './call';
import { boolFlag, type CliCommand, stringFlag } from './command';

const iso = z.iso.datetime({ offset: true });
const side = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(['BUY', 'SELL']));
const price = z.number().positive().finite();
const ref = z.string().min(1).max(100);

const common = { at: iso, ref: ref.optional(), comment: z.string().max(200).optional() };
const entryFields = {
  ...common,
  side,
  lots: z.number().positive().max(1000),
  sl: price.optional(),
  tp: price.optional(),
  slPips: z.number().positive().optional(),
  tpPips: z.number().positive().optional(),
  trailingPts: z.number().min(0).optional(),
};

const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('market'), ...entryFields }).strict(),
  z
    .object({
      type: z.literal('limit'),
      ...entryFields,
      price,
      expiresAt: iso.optional(),
      ocoWith: ref.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('stop'),
      ...entryFields,
      price,
      expiresAt: iso.optional(),
      ocoWith: ref.optional(),
    })
    .strict(),
  z.object({ type: z.literal('close'), ...common, ref, lots: z.number().positive().optional() }).strict(),
  z
    .object({
      type: z.literal('modify'),
      ...common,
      ref,
      price: price.optional(),
      sl: price.nullable().optional(),
      tp: price.nullable().optional(),
      trailingPts: z.number().min(0).nullable().optional(),
    })
    .strict(),
  z.object({ type: z.literal('cancel'), ...common, ref }).strict(),
  z.object({ type: z.literal('closeAll'), ...common }).strict(),
  z.object({ type: z.literal('breakeven'), ...common, ref }).strict(),
]);

export const replayScriptSchema = z
  .object({
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    timeframe: z.enum(TIMEFRAMES).default('M1'),
    from: iso,
    to: iso.optional(),
    balance: z.number().positive().default(10_000),
    currency: z.string().length(3).default('USD'),
    leverage: z.number().positive().default(100),
    spreadPts: z.number().min(0).default(10),
    slippagePts: z.number().min(0).default(0),
    commissionPerLot: z.number().min(0).default(0),
    stopOutPct: z.number().min(0).default(50),
    speed: z.enum(SPEEDS).optional(),
    quoteRate: z.number().positive().optional(),
    risk: z
      .object({
        maxRiskPct: z.number().positive().optional(),
        maxDailyLoss: z.number().positive().optional(),
        maxTradesPerDay: z.number().int().positive().optional(),
        defaultSlPips: z.number().positive().optional(),
        defaultTpPips: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    actions: z.array(actionSchema).default([]),
  })
  .strict();

export type ReplayScript = z.output<typeof replayScriptSchema>;
type Action = ReplayScript['actions'][number];

/** Parses and checks a script; every problem is an INVALID_INPUT naming the field. */
export function parseReplayScript(text: string): ReplayScript {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.INVALID_INPUT, `The script is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = replayScriptSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(script)'}: ${i.message}`);
    throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${issues.join('; ')}`);
  }
  const script = parsed.data;
  const fromTs = isoToTs(script.from);
  const toTs = script.to ? isoToTs(script.to) : null;
  if (toTs !== null && toTs <= fromTs)
    throw new AppError(ErrorCode.INVALID_INPUT, 'Invalid replay script: "to" must be after "from"');
  const defined = new Set<string>();
  const ordered = script.actions
    .map((a, index) => ({ a, index }))
    .sort((x, y) => isoToTs(x.a.at) - isoToTs(y.a.at) || x.index - y.index);
  for (const { a, index } of ordered) {
    const at = isoToTs(a.at);
    const where = `actions.${index}`;
    if (at < fromTs)
      throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${where}.at is before "from"`);
    if (toTs !== null && at > toTs)
      throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${where}.at is after "to"`);
    const creates = a.type === 'market' || a.type === 'limit' || a.type === 'stop';
    if (creates) {
      if (a.ref !== undefined) {
        if (defined.has(a.ref))
          throw new AppError(
            ErrorCode.INVALID_INPUT,
            `Invalid replay script: ${where}.ref "${a.ref}" is used twice`,
          );
        defined.add(a.ref);
      }
      if ((a.type === 'limit' || a.type === 'stop') && a.ocoWith !== undefined && !defined.has(a.ocoWith)) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `Invalid replay script: ${where}.ocoWith "${a.ocoWith}" is not an earlier order`,
        );
      }
    } else if ('ref' in a && a.ref !== undefined && a.type !== 'closeAll' && !defined.has(a.ref)) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `Invalid replay script: ${where}.ref "${a.ref}" is not an earlier order`,
      );
    }
  }
  script.actions = ordered.map((o) => o.a);
  return script;
}

export interface ReplayOutput {
  session: Record<string, unknown>;
  orders: Record<string, unknown>[];
  positions: Record<string, unknown>[];
  transactions: Record<string, unknown>[];
  summary: Record<string, unknown>;
  actions: { at: string; type: string; ref: string | null; ok: boolean; message: string | null }[];
}

/** Money marker: serialised as a JSON number with exactly two decimals. */
class Money {
  constructor(readonly cents: number) {}
  toJSON(): string {
    const sign = this.cents < 0 ? '-' : '';
    const abs = Math.abs(Math.round(this.cents));
    return `__money:${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
}
const money = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? null : new Money(cents);
const time = (ts: number | null | undefined) => (ts === null || ts === undefined ? null : tsToIso(ts));

/** JSON with money as numbers with two decimal places (10000.00, -3.50). */
export function stringifyWithMoney(value: unknown, pretty = true): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined).replace(/"__money:(-?\d+\.\d\d)"/g, '$1');
}

export function stringifyReplayOutput(output: ReplayOutput, pretty = true): string {
  return stringifyWithMoney(output, pretty);
}

/** Runs a script through the contract (the same dispatcher the UI uses) and gathers the output. */
export async function runReplayScript(app: TickstepApp, script: ReplayScript): Promise<ReplayOutput> {
  const session = await callMethod(app, 'sessions:create', {
    symbol: script.symbol,
    timeframe: script.timeframe,
    startAt: script.from,
    endAt: script.to,
    balance: script.balance,
    currency: script.currency,
    leverage: script.leverage,
    spreadPts: script.spreadPts,
    slippagePts: script.slippagePts,
    commissionPerLot: script.commissionPerLot,
    stopOutPct: script.stopOutPct,
    speed: script.speed,
    quoteRate: script.quoteRate,
    risk: script.risk,
  });
  const sessionId = session.id;
  const orderRefs = new Map<string, string>();
  const refByOrder = new Map<string, string>();
  const results: ReplayOutput['actions'] = [];
  let cursorTs = session.cursorTs;
  let completed = false;

  const advanceTo = async (ts: number) => {
    if (completed || ts <= cursorTs) return;
    const tick = await callMethod(app, 'replay:jump', { sessionId, to: tsToIso(ts) });
    cursorTs = tick.cursorTs;
    completed = tick.status === 'COMPLETED';
  };

  /** The open position an order ref now stands for, if it filled. */
  const positionOf = async (orderId: string): Promise<string | null> => {
    const orders = await callMethod(app, 'orders:list', { sessionId });
    const order = orders.find((o) => o.id === orderId);
    return order?.positionId ?? null;
  };

  for (const action of script.actions) {
    await advanceTo(isoToTs(action.at));
    const record = { at: action.at, type: action.type, ref: 'ref' in action ? (action.ref ?? null) : null };
    try {
      const message = await applyAction(action);
      results.push({ ...record, ok: true, message });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === ErrorCode.INTERNAL) throw error;
      results.push({ ...record, ok: false, message: error.message });
    }
  }
  if (script.to) await advanceTo(isoToTs(script.to));

  async function applyAction(action: Action): Promise<string | null> {
    switch (action.type) {
      case 'market':
      case 'limit':
      case 'stop': {
        const order = await callMethod(app, 'orders:place', {
          sessionId,
          side: action.side,
          type: action.type === 'market' ? 'MARKET' : action.type === 'limit' ? 'LIMIT' : 'STOP',
          lots: action.lots,
          price: action.type === 'market' ? undefined : action.price,
          sl: action.sl,
          tp: action.tp,
          slPips: action.slPips,
          tpPips: action.tpPips,
          trailingPts: action.trailingPts,
          comment: action.comment,
          expiresAt: action.type === 'market' ? undefined : action.expiresAt,
          ocoWith: action.type !== 'market' && action.ocoWith ? orderRefs.get(action.ocoWith) : undefined,
        });
        if (action.ref) {
          orderRefs.set(action.ref, order.id);
          refByOrder.set(order.id, action.ref);
        }
        return null;
      }
      case 'close': {
        const positionId = await requirePosition(action.ref);
        await callMethod(app, 'positions:close', { sessionId, positionId, lots: action.lots });
        return null;
      }
      case 'modify': {
        const orderId = requireOrder(action.ref);
        const positionId = await positionOf(orderId);
        if (positionId) {
          if (action.price !== undefined)
            throw new AppError(
              ErrorCode.ORDER_REJECTED,
              `"${action.ref}" has filled: its price cannot change`,
            );
          await callMethod(app, 'positions:modify', {
            sessionId,
            positionId,
            sl: action.sl,
            tp: action.tp,
            trailingPts: action.trailingPts,
          });
          return `modified position of "${action.ref}"`;
        }
        await callMethod(app, 'orders:modify', {
          sessionId,
          orderId,
          price: action.price,
          sl: action.sl,
          tp: action.tp,
          trailingPts: action.trailingPts,
        });
        return `modified pending order "${action.ref}"`;
      }
      case 'cancel':
        await callMethod(app, 'orders:cancel', { sessionId, orderId: requireOrder(action.ref) });
        return null;
      case 'closeAll': {
        const closed = await callMethod(app, 'positions:close-all', { sessionId });
        return `closed ${closed.length}`;
      }
      case 'breakeven':
        await callMethod(app, 'positions:break-even', {
          sessionId,
          positionId: await requirePosition(action.ref),
        });
        return null;
    }
  }

  function requireOrder(r: string): string {
    const id = orderRefs.get(r);
    if (!id) throw new AppError(ErrorCode.NOT_FOUND, `Order "${r}" was never placed (it was rejected)`);
    return id;
  }

  async function requirePosition(r: string): Promise<string> {
    const positionId = await positionOf(requireOrder(r));
    if (!positionId)
      throw new AppError(ErrorCode.NOT_FOUND, `Order "${r}" has not filled: no position to act on`);
    const open = await callMethod(app, 'positions:list', { sessionId, status: 'OPEN' });
    if (!open.some((p) => p.id === positionId)) {
      const all = await callMethod(app, 'positions:list', { sessionId });
      const closed = all.find((p) => p.id === positionId);
      const when = closed?.closedTs ? ` at ${tsToIso(closed.closedTs)}, exit ${closed.exitPrice}` : '';
      throw new AppError(
        ErrorCode.NOT_FOUND,
        `The position of "${r}" is already ${closed?.status.toLowerCase() ?? 'gone'}${when}`,
      );
    }
    return positionId;
  }

  const finalSession = await callMethod(app, 'sessions:get', { sessionId });
  const snapshot = await callMethod(app, 'replay:snapshot', { sessionId, count: 1 });
  const orders = await callMethod(app, 'orders:list', { sessionId });
  const positions = await callMethod(app, 'positions:list', { sessionId });
  const transactions = await callMethod(app, 'ledger:list', { sessionId });
  const summary = await callMethod(app, 'reports:summary', { sessionId });
  const refOfPosition = new Map<string, string>();
  for (const o of orders)
    if (o.positionId && refByOrder.has(o.id)) refOfPosition.set(o.positionId, refByOrder.get(o.id)!);
  return {
    session: sessionOut(finalSession, snapshot.account),
    orders: orders.map((o) => orderOut(o, refByOrder.get(o.id) ?? null)),
    positions: positions.map((p) =>
      positionOut(
        p,
        refOfPosition.get(p.id) ??
          (p.parentPositionId ? (refOfPosition.get(p.parentPositionId) ?? null) : null),
      ),
    ),
    transactions: transactions.map(transactionOut),
    summary: summaryOut(summary, snapshot.account.equityCents),
    actions: results,
  };
}

function sessionOut(s: SessionDto, account: { equityCents: number; bid: number; ask: number }) {
  return {
    id: s.id,
    symbol: s.symbol,
    timeframe: s.timeframe,
    baseTimeframe: s.baseTimeframe,
    status: s.status,
    from: time(s.startTs),
    to: time(s.endTs),
    cursor: time(s.cursorTs),
    currency: s.currency,
    leverage: s.leverage,
    spreadPts: s.spreadPts,
    slippagePts: s.slippagePts,
    commissionPerLot: money(s.commissionPerLotCents),
    stopOutPct: s.stopOutPct,
    initialBalance: money(s.initialBalanceCents),
    balance: money(s.balanceCents),
    equity: money(account.equityCents),
    bid: account.bid,
    ask: account.ask,
  };
}

function orderOut(o: OrderDto, ref: string | null) {
  return {
    id: o.id,
    ref,
    side: o.side,
    type: o.type,
    status: o.status,
    lots: o.lots,
    price: o.price,
    sl: o.slPrice,
    tp: o.tpPrice,
    trailingPts: o.trailingPts ?? 0,
    placedAt: time(o.placedTs),
    filledAt: time(o.filledTs),
    fillPrice: o.fillPrice,
    expiresAt: time(o.expiryTs),
    positionId: o.positionId,
    rejectReason: o.rejectReason,
    comment: o.comment,
  };
}

function positionOut(p: PositionDto, ref: string | null) {
  return {
    id: p.id,
    ref,
    status: p.status,
    side: p.side,
    lots: p.lots,
    entryPrice: p.entryPrice,
    entryBid: p.entryBid,
    exitPrice: p.exitPrice,
    sl: p.slPrice,
    tp: p.tpPrice,
    openedAt: time(p.openedTs),
    closedAt: time(p.closedTs),
    pnl: money(p.pnlCents ?? 0),
    spread: money(p.spreadCents),
    slippage: money(p.slippageCents),
    commission: money(p.commissionCents),
    realizedPnl: money(p.realizedPnlCents),
    openPnl: money(p.openPnlCents),
    parentPositionId: p.parentPositionId ?? null,
  };
}

function transactionOut(t: TransactionDto) {
  return {
    seq: t.seq,
    type: t.type,
    amount: money(t.amountCents),
    balanceAfter: money(t.balanceAfterCents),
    at: time(t.ts),
    positionId: t.positionId,
  };
}

/**
 * Every metric for the JSON output: `…Cents` fields become money (`netProfitCents` ->
 * `netProfit: 174.50`), `…Ts` fields ISO times, nested breakdowns and periods likewise.
 */
export function metricsOut(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(metricsOut);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('Cents') && (typeof v === 'number' || v === null)) out[key.slice(0, -5)] = money(v);
    else if (/(Ts|^periodStart|^periodEnd)$/.test(key) && (typeof v === 'number' || v === null))
      out[key.endsWith('Ts') ? key.slice(0, -2) : key] = time(v);
    else out[key] = metricsOut(v);
  }
  return out;
}

function summaryOut(s: PerformanceSummaryDto, equityCents: number) {
  return { ...(metricsOut(s) as Record<string, unknown>), equity: money(equityCents) };
}

function textReport(out: ReplayOutput): string {
  const s = out.session;
  const m = (v: unknown) => (v instanceof Money ? v.toJSON().slice('__money:'.length) : String(v));
  const lines = [
    `Session ${s.symbol} ${s.timeframe} ${s.from} -> ${s.cursor} (${s.status})`,
    `Balance ${m(s.initialBalance)} -> ${m(s.balance)} ${s.currency}, equity ${m(s.equity)}`,
    '',
    'Positions:',
  ];
  for (const p of out.positions) {
    lines.push(
      `  ${p.ref ?? p.id} ${p.side} ${p.lots} @ ${p.entryPrice} -> ${p.exitPrice ?? '-'} ${p.status} realized ${m(p.realizedPnl)}`,
    );
  }
  const failed = out.actions.filter((a) => !a.ok);
  if (failed.length) {
    lines.push('', 'Actions not carried out:');
    for (const a of failed) lines.push(`  ${a.at} ${a.type}${a.ref ? ` ${a.ref}` : ''}: ${a.message}`);
  }
  const sum = out.summary;
  lines.push(
    '',
    `Trades ${sum.trades}, wins ${sum.wins}, losses ${sum.losses}, net ${m(sum.netProfit)}, max drawdown ${m(sum.maxDrawdown)}`,
    `${out.transactions.length} ledger entries. Use --json for everything.`,
  );
  return lines.join('\n');
}

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Runs a scripted replay session and prints {session, orders, positions, transactions, summary}.',
  usage: 'replay --script FILE.json [--data-dir DIR] [--json]',
  valueFlags: ['script'],
  async run(args, getApp, io) {
    const file = stringFlag(args, 'script') ?? args.positionals[0];
    if (!file) throw new AppError(ErrorCode.INVALID_INPUT, 'replay needs --script FILE.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new AppError(ErrorCode.NOT_FOUND, `Cannot read the script ${file}: ${(error as Error).message}`);
    }
    const script = parseReplayScript(text);
    const output = await runReplayScript(getApp(), script);
    io.out(boolFlag(args, 'json') ? stringifyReplayOutput(output) : textReport(output));
    return 0;
  },
};
