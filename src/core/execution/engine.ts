/**
 * The execution engine: state, the bar loop and the trader's actions. Invariants: it never sees a
 * bar before it is revealed (the caller feeds bars one by one with `processBar`, and every trader
 * action applies at the last revealed close); each base bar is evaluated along `tickPath`, segment
 * by segment, through the matching, fill and fee models, in that order and nowhere else; the
 * ledger is the only place the balance changes. Expected outcomes (a rejected order) are returned
 * as values; exceptions mean bugs.
 *
 * Why this file stays whole (~800 lines): the models it calls live in their own files; what is
 * left is the one mutable state and the order in which a bar touches it. Cutting the bar loop
 * from the trader's actions would hand that state between files without making either simpler.
 */
import { Ledger, pnlCents } from '../portfolio/ledger';
import { marginFor, marginLevelPct, openPnlAt, unitsFor } from '../portfolio/margin';
import {
  type ConversionMode,
  conversionMode,
  quoteToAccount,
  roundHalfAway,
  toCents,
} from '../portfolio/money';
import { type TickPath, tickPath } from '../replay/tick-path';
import { commissionCents, slippageCostCents, spreadCostCents } from './fee-model';
import { entrySlippagePts, fillPricePts } from './fill-model';
import {
  DEFAULT_LOT_STEP,
  fromPoints,
  type InstrumentSpec,
  pointScale,
  pointsPerPip,
  toPoints,
} from './instrument';
import { MATCH_NONE, MATCH_ORDER, MATCH_SL, Match, nextMatch, TriggerBand } from './matching';
import {
  fillMarginError,
  fmt,
  levelsError,
  lotsError,
  marginError,
  priceOrPips,
  priceSideError,
} from './order-checks';
import { defaultLevelPts, riskAmountFor, riskRuleError } from './risk-rules';
import { isStoppedOut, StopOutGuard } from './stop-out';
import { hasSwap, NO_ROLLOVER, type RolloverClock, type SwapSpec, swapQuoteAmount } from './swap';
import { trailStop } from './trailing';
import {
  type AccountSettings,
  type AccountState,
  type ExecutionState,
  type Fill,
  type FillReason,
  type LedgerEntry,
  type LedgerType,
  type ModifyRequest,
  NO_RISK_RULES,
  type Order,
  type OrderRequest,
  type Outcome,
  type Position,
  type PositionStatus,
  type RiskRules,
} from './types';

export interface ExecutionConfig {
  instrument: InstrumentSpec;
  account: AccountSettings;
  risk?: RiskRules;
  /** Makes ids for orders and positions (the service passes UUIDs, the bench a counter). */
  newId: () => string;
  /** When swap is charged (only read when the instrument has a swap). */
  rollover?: RolloverClock;
}

/** What changed since the last `drainChanges()`: the service persists exactly this. */
export interface StateChanges {
  orders: Order[];
  positions: Position[];
  ledger: LedgerEntry[];
  fills: Fill[];
}

const SECONDS_PER_DAY = 86_400;

/**
 * Removes `list[index]`, keeping the order. Unlike `splice` it allocates no result array and
 * keeps the backing store, so a book that fills and empties at every trade makes no garbage.
 */
function removeAt<T>(list: T[], index: number): void {
  for (let i = index + 1; i < list.length; i++) list[i - 1] = list[i]!;
  list.pop();
}

/**
 * Walks each base bar's intrabar path `O, X, Y, C` (ARCHITECTURE §2), fills orders and exits by
 * the documented fill model, keeps margin and the ledger.
 */
export class ExecutionEngine {
  readonly instrument: InstrumentSpec;
  readonly account: AccountSettings;
  readonly risk: RiskRules;
  /** 10^digits. */
  readonly scale: number;
  /** The current base bar's spread, points: the session's fixed one unless `setSpreadPts` says. */
  spreadPts: number;
  readonly minLot: number;
  readonly lotStep: number;
  readonly slippagePts: number;
  readonly pipPts: number;
  private readonly conversion: ConversionMode;
  private readonly newId: () => string;
  private readonly ledger: Ledger;
  private readonly swap: SwapSpec | null;
  private readonly rollover: RolloverClock;
  /** The next rollover to charge swap at; +Infinity without swap, so a bar pays one compare. */
  private nextRolloverTs = Number.POSITIVE_INFINITY;

  cursorTs = 0;
  /** Bid of the current tick, points. */
  bidPts = 0;
  hasBar = false;
  dayIndex = -1;
  dayStartBalanceCents = 0;
  tradesToday = 0;

  /** Pending orders, in placement order. */
  readonly pending: Order[] = [];
  /** Open positions, in opening order. */
  readonly open: Position[] = [];
  private trailingCount = 0;
  /**
   * Skip the exact stop-out check at ticks inside the guard's safe range. Set false to run the
   * exact check at every tick (tests compare both).
   */
  stopOutFastPath = true;
  /**
   * Skip scanning the book on bars whose range lies inside the trigger band. Set false to scan
   * every segment (tests compare both).
   */
  triggerBandFastPath = true;
  private readonly stopOut = new StopOutGuard();
  /** The bid range of the bar being evaluated (open to close through high and low), for flags. */
  private barLoPts = 0;
  private barHiPts = 0;
  // Reused at every bar and segment, so the hot path allocates nothing.
  private readonly path: TickPath = [0, 0, 0, 0];
  private readonly match = new Match();
  private readonly band = new TriggerBand();
  /**
   * The calm window: a bar opening in [calmFromTs, calmUntilTs) whose range lies strictly inside
   * (calmLow, calmHigh) meets nothing at all (no trigger, stop-out, trailing move, expiry, day
   * roll or rollover), so only its close is kept. Marked stale by anything that changes the book,
   * the balance or the clock's next event and by every evaluated bar, and worked out again from
   * the state at the next bar, so most bars of a replay (the one after a trade included) cost a
   * few compares and no call.
   */
  private calmStale = true;
  private calmFromTs = Number.POSITIVE_INFINITY;
  private calmUntilTs = Number.NEGATIVE_INFINITY;
  private calmLow = Number.POSITIVE_INFINITY;
  private calmHigh = Number.NEGATIVE_INFINITY;
  /** The spread the window was worked out at: the band and the stop-out range move with it. */
  private calmSpreadPts = Number.NaN;

  // Change tracking, drained by the service after each step.
  private changedOrders = new Set<Order>();
  private changedPositions = new Set<Position>();
  private newFills: Fill[] = [];
  /** Set false for headless runs that never persist (the bench): nothing is collected. */
  trackChanges = true;
  /** Called for every closed record (partial closes and liquidations included). */
  onClose: ((position: Position) => void) | null = null;
  /**
   * Called at every intrabar tick after its fills, trailing and stop-out (once a bar when nothing
   * is open or pending: the account cannot move then). A challenge's rulebook watches here, so a
   * breach at an intrabar low is seen at that tick; it may close positions at the current bid.
   */
  onTick: (() => void) | null = null;

  constructor(config: ExecutionConfig, state?: ExecutionState) {
    this.instrument = config.instrument;
    this.account = config.account;
    this.risk = config.risk ?? NO_RISK_RULES;
    this.newId = config.newId;
    this.scale = pointScale(config.instrument);
    this.spreadPts = config.account.spreadPts;
    this.lotStep = config.instrument.lotStep ?? DEFAULT_LOT_STEP;
    this.minLot = config.instrument.minLot ?? this.lotStep;
    this.slippagePts = config.account.slippagePts;
    this.pipPts = pointsPerPip(config.instrument);
    const mode = conversionMode(
      config.instrument.baseCurrency,
      config.instrument.quoteCurrency,
      config.account.currency,
      config.account.quoteRate,
    );
    if (!mode) {
      throw new Error(
        `${config.instrument.symbol} needs a ${config.instrument.quoteCurrency}->${config.account.currency} rate`,
      );
    }
    this.conversion = mode;
    this.ledger = new Ledger(state?.balanceCents ?? 0, state?.seq ?? 0);
    this.swap = hasSwap(config.instrument.swap) ? config.instrument.swap : null;
    this.rollover = this.swap ? (config.rollover ?? NO_ROLLOVER) : NO_ROLLOVER;
    if (this.swap) this.nextRolloverTs = this.rollover.nextAfter(state?.cursorTs ?? 0);
    if (state) {
      this.cursorTs = state.cursorTs;
      this.bidPts = state.bidPts;
      this.hasBar = state.hasBar;
      this.dayIndex = state.dayIndex;
      this.dayStartBalanceCents = state.dayStartBalanceCents;
      this.tradesToday = state.tradesToday;
      for (const order of state.orders) if (order.status === 'PENDING') this.pending.push({ ...order });
      for (const position of state.positions) {
        if (position.status !== 'OPEN') continue;
        this.open.push({ ...position });
        if (position.trailingPts > 0) this.trailingCount++;
      }
    }
  }

  // ---------------------------------------------------------------- state

  /** Balance, cents: the ledger's, never set anywhere else. */
  get balanceCents(): number {
    return this.ledger.balanceCents;
  }

  /** Sequence number of the last ledger entry. */
  get seq(): number {
    return this.ledger.seq;
  }

  get askPts(): number {
    return this.bidPts + this.spreadPts;
  }

  /**
   * The spread of the bar about to be processed (or of the cursor's bar on resume). The replay
   * calls it only where the spread varies (data or a schedule), so fixed-spread runs never do.
   */
  setSpreadPts(pts: number): void {
    if (pts === this.spreadPts) return;
    this.spreadPts = pts;
    this.stopOut.dirty = true;
  }

  /**
   * The spread a position pays over its round trip: a long paid the ask at its entry fill, a short
   * pays it at its exit, at the spread of the bar it closes in.
   */
  spreadPaidPts(p: Position): number {
    return p.side === 'BUY' ? p.entryPts - p.entryBidPts - p.entrySlipPts : this.spreadPts;
  }

  /** Price units from points. */
  price(points: number): number {
    return fromPoints(points, this.scale);
  }

  exportState(): ExecutionState {
    return {
      cursorTs: this.cursorTs,
      bidPts: this.bidPts,
      hasBar: this.hasBar,
      balanceCents: this.balanceCents,
      seq: this.seq,
      dayIndex: this.dayIndex,
      dayStartBalanceCents: this.dayStartBalanceCents,
      tradesToday: this.tradesToday,
      orders: this.pending.map((o) => ({ ...o })),
      positions: this.open.map((p) => ({ ...p })),
    };
  }

  drainChanges(): StateChanges {
    const changes: StateChanges = {
      orders: [...this.changedOrders],
      positions: [...this.changedPositions],
      ledger: this.ledger.drain(),
      fills: this.newFills,
    };
    this.changedOrders = new Set();
    this.changedPositions = new Set();
    this.newFills = [];
    return changes;
  }

  /** Fills since the last drain (without draining). */
  get pendingFills(): readonly Fill[] {
    return this.newFills;
  }

  accountState(): AccountState {
    const equityCents = this.equityCents();
    const usedMarginCents = toCents(this.usedMargin());
    return {
      balanceCents: this.balanceCents,
      equityCents,
      openPnlCents: equityCents - this.balanceCents,
      usedMarginCents,
      freeMarginCents: equityCents - usedMarginCents,
      marginLevelPct: marginLevelPct(equityCents, usedMarginCents),
      bidPts: this.bidPts,
      askPts: this.askPts,
    };
  }

  private equityCents(): number {
    return this.balanceCents + toCents(this.openPnl());
  }

  /** `accountState().freeMarginCents` without building the whole state (the order path needs only it). */
  private freeMarginCents(): number {
    return this.equityCents() - toCents(this.usedMargin());
  }

  /** Open P&L of one position at the current tick, account currency, costs so far included. */
  positionOpenPnl(p: Position): number {
    return openPnlAt(
      p.side === 'BUY',
      this.units(p.lots),
      this.bidPts,
      p.entryBidPts,
      p.entrySlipPts,
      this.spreadPaidPts(p),
      this.scale,
      this.conversion,
    );
  }

  openPnl(): number {
    let sum = 0;
    for (let i = 0; i < this.open.length; i++) sum += this.positionOpenPnl(this.open[i]!);
    return sum;
  }

  usedMargin(): number {
    let sum = 0;
    for (let i = 0; i < this.open.length; i++) sum += this.open[i]!.margin;
    return sum;
  }

  units(lots: number): number {
    return unitsFor(lots, this.instrument.contractSize);
  }

  /** Margin for `lots` at `pricePts`, account currency: units * price / leverage, converted. */
  marginFor(lots: number, pricePts: number): number {
    return marginFor(this.units(lots), pricePts, this.scale, this.account.leverage, this.conversion);
  }

  // ---------------------------------------------------------------- time

  /** Reveals the first bar of a session without evaluating anything (nothing is open yet). */
  prime(ts: number, close: number): void {
    this.primePts(ts, toPoints(close, this.scale));
  }

  primePts(ts: number, closePts: number): void {
    this.calmStale = true;
    this.cursorTs = ts;
    if (this.swap) this.nextRolloverTs = this.rollover.nextAfter(ts);
    this.bidPts = closePts;
    this.hasBar = true;
    this.rollDay(ts);
  }

  /** Reveals one base bar (bid prices) and evaluates everything along its path. */
  processBar(ts: number, open: number, high: number, low: number, close: number): void {
    const s = this.scale;
    this.processBarPts(
      ts,
      Math.round(open * s),
      Math.round(high * s),
      Math.round(low * s),
      Math.round(close * s),
    );
  }

  processBarPts(ts: number, o: number, h: number, l: number, c: number): void {
    // Kept small so V8 inlines it (and processBar) into the caller's loop: a calm bar then passes
    // no boxed arguments and makes no call.
    if (this.calmStale) this.settleCalm();
    if (
      ts >= this.calmFromTs &&
      ts < this.calmUntilTs &&
      this.spreadPts === this.calmSpreadPts &&
      this.onTick === null
    ) {
      if (Math.min(o, l, c) > this.calmLow && Math.max(o, h, c) < this.calmHigh) {
        this.cursorTs = ts;
        this.bidPts = c;
        return;
      }
    }
    this.walkBar(ts, o, h, l, c);
    this.calmStale = true;
  }

  private walkBar(ts: number, o: number, h: number, l: number, c: number): void {
    this.cursorTs = ts;
    if (this.dayIndex !== Math.floor(ts / SECONDS_PER_DAY)) this.rollDay(ts);
    if (ts >= this.nextRolloverTs) this.chargeSwap(ts);
    if (!this.hasBar) {
      this.hasBar = true;
      this.bidPts = c;
      return;
    }
    const onTick = this.onTick;
    if (this.pending.length === 0 && this.open.length === 0) {
      this.bidPts = c;
      if (onTick) onTick();
      return;
    }
    if (this.pending.length > 0) this.expireOrders(ts);
    // Gap from the previous close to the open, then the continuous path O -> X -> Y -> C. Most bars
    // meet no trigger: when the bar's range lies inside the trigger band its segments are not
    // scanned, until a tick changes the book (a trailing stop moves, a stop-out, an onTick action).
    const path = tickPath(o, h, l, c, this.path);
    const band = this.band;
    const lo = Math.min(o, l, c);
    const hi = Math.max(o, h, c);
    const quiet = this.triggerBandFastPath && band.contains(this.open, this.pending, lo, hi, this.spreadPts);
    if (quiet && onTick === null && this.trailingCount === 0 && this.safeFromStopOut(lo, hi)) {
      // Nothing can happen at any of the four ticks: no trigger, no trailing, no stop-out, nobody
      // watching. Only the last tick's bid remains.
      this.bidPts = c;
      return;
    }
    this.barLoPts = lo;
    this.barHiPts = hi;
    if (!quiet) this.segment(this.bidPts, path[0], true);
    this.tick(path[0]);
    if (onTick) onTick();
    if (!quiet || band.dirty) this.segment(path[0], path[1], false);
    this.tick(path[1]);
    if (onTick) onTick();
    if (!quiet || band.dirty) this.segment(path[1], path[2], false);
    this.tick(path[2]);
    if (onTick) onTick();
    if (!quiet || band.dirty) this.segment(path[2], path[3], false);
    this.tick(path[3]);
    if (onTick) onTick();
  }

  /**
   * Works out the calm window from the state before a bar: the current UTC day (times are whole
   * seconds, so `floor(ts / day)` and the day's bounds agree), up to the next rollover and the
   * first pending expiry, inside both the trigger band and the stop-out guard's safe range. Left
   * empty whenever a tick could do anything without a trigger (a trailing stop, a tick watcher)
   * or a fast path is off.
   */
  private settleCalm(): void {
    this.calmStale = false;
    this.calmUntilTs = Number.NEGATIVE_INFINITY;
    if (!this.hasBar || this.onTick !== null || this.trailingCount > 0) return;
    if (!this.triggerBandFastPath) return;
    const band = this.band;
    band.settle(this.open, this.pending, this.spreadPts);
    let low = band.low;
    let high = band.high;
    if (this.open.length > 0 && this.account.stopOutPct > 0) {
      if (!this.stopOutFastPath) return;
      const guard = this.stopOut;
      if (guard.dirty) this.recomputeStopOutGuard();
      if (guard.low > low) low = guard.low;
      if (guard.high < high) high = guard.high;
    }
    let until = (this.dayIndex + 1) * SECONDS_PER_DAY;
    if (this.nextRolloverTs < until) until = this.nextRolloverTs;
    for (let i = 0; i < this.pending.length; i++) {
      const expiry = this.pending[i]!.expiryTs;
      if (expiry !== null && expiry < until) until = expiry;
    }
    this.calmFromTs = this.dayIndex * SECONDS_PER_DAY;
    this.calmSpreadPts = this.spreadPts;
    this.calmLow = low;
    this.calmHigh = high;
    this.calmUntilTs = until;
  }

  private rollDay(ts: number): void {
    this.dayIndex = Math.floor(ts / SECONDS_PER_DAY);
    this.dayStartBalanceCents = this.balanceCents;
    this.tradesToday = 0;
  }

  /**
   * Charges every rollover from the last one to `ts` (a data gap can span several) on the
   * positions open at the previous close, which were held through it. Posted at this bar's time.
   */
  private chargeSwap(ts: number): void {
    if (this.open.length === 0 || !this.hasBar) {
      this.nextRolloverTs = this.rollover.nextAfter(ts);
      return;
    }
    const swap = this.swap!;
    const price = this.bidPts / this.scale;
    let at = this.nextRolloverTs;
    while (at <= ts) {
      const nights = this.rollover.weekdayOf(at) === swap.tripleWeekday ? 3 : 1;
      for (let i = 0; i < this.open.length; i++) {
        const p = this.open[i]!;
        const units = this.units(p.lots);
        const quote = swapQuoteAmount(swap, p.side === 'BUY', units, this.bidPts, this.scale, nights);
        const cents = toCents(quoteToAccount(quote, this.conversion, price));
        if (cents === 0) continue;
        this.post('SWAP', cents, p.id, false);
        p.swapCents += cents;
        p.realizedCents += cents;
        this.touchPosition(p);
      }
      at = this.rollover.nextAfter(at);
    }
    this.nextRolloverTs = at;
  }

  private expireOrders(ts: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const order = this.pending[i]!;
      if (order.expiryTs !== null && ts >= order.expiryTs) {
        order.status = 'EXPIRED';
        removeAt(this.pending, i);
        this.touchOrder(order);
      }
    }
  }

  /** Arrived at a tick: trailing stops follow, then the stop-out check. */
  private tick(bid: number): void {
    this.bidPts = bid;
    if (this.open.length === 0) return;
    // Kept small so V8 inlines it into the bar loop (it runs four times a bar); the rare work is
    // in the methods it calls.
    if (this.trailingCount > 0) this.trail(bid);
    if (this.account.stopOutPct > 0) {
      if (this.stopOutFastPath) {
        const guard = this.stopOut;
        if (guard.dirty) this.recomputeStopOutGuard();
        if (bid > guard.low && bid < guard.high) return;
      }
      this.checkStopOut();
    }
  }

  /** True when no tick with bid inside [lo, hi] can trigger the stop-out (the guard's safe range). */
  private safeFromStopOut(lo: number, hi: number): boolean {
    if (this.open.length === 0 || this.account.stopOutPct <= 0) return true;
    if (!this.stopOutFastPath) return false;
    const guard = this.stopOut;
    if (guard.dirty) this.recomputeStopOutGuard();
    return lo > guard.low && hi < guard.high;
  }

  private trail(bid: number): void {
    const ask = bid + this.spreadPts;
    for (let i = 0; i < this.open.length; i++) {
      const p = this.open[i]!;
      if (trailStop(p, bid, ask)) this.touchPosition(p);
    }
  }

  private recomputeStopOutGuard(): void {
    this.stopOut.recompute(
      this.open,
      this.balanceCents,
      this.conversion,
      this.spreadPts,
      this.scale,
      this.instrument.contractSize,
      this.account.stopOutPct,
    );
  }

  private checkStopOut(): void {
    const used = this.usedMargin();
    if (used <= 0) return;
    const equity = this.balanceCents / 100 + this.openPnl();
    if (!isStoppedOut(equity, used, this.account.stopOutPct)) return;
    // Liquidate everything at the current tick, as market exits.
    while (this.open.length > 0) {
      const p = this.open[0]!;
      this.closeAt(p, p.lots, this.bidPts, this.slippagePts, 'STOP_OUT', 'LIQUIDATED');
    }
  }

  /**
   * Evaluates one price segment of bid from `from` to `to`. A gap fills everything it crosses at
   * `to` (the bar's open); a continuous segment fills each level where price reaches it, in the
   * order price reaches them, and keeps scanning after each fill: a fill can open a position whose
   * SL or TP lies further along the same segment.
   */
  private segment(from: number, to: number, gap: boolean): void {
    const match = this.match;
    for (;;) {
      const kind = nextMatch(this.open, this.pending, from, to, gap, this.spreadPts, match);
      if (kind === MATCH_NONE) return;
      const hit = match.bidPts;
      this.bidPts = hit;
      if (kind === MATCH_ORDER) {
        const opened = this.open.length;
        this.fillPending(this.pending[match.index]!, hit);
        // Filled inside the path with its SL or TP in the bar's range: whether that exit came
        // after the fill depends on the order of the bar's high and low.
        if (!gap && this.open.length > opened) this.flagIfReached(this.open[opened]!, true, true);
      } else {
        const p = this.open[match.index]!;
        const isSl = kind === MATCH_SL;
        // An exit inside the path in a bar that also reached the other exit: the assumed order of
        // high and low chose between them.
        if (!gap) this.flagIfReached(p, !isSl, isSl);
        this.closeAt(p, p.lots, hit, isSl ? this.slippagePts : 0, isSl ? 'SL' : 'TP', 'CLOSED');
      }
      if (!gap) from = hit;
    }
  }

  /** Flags `p` when the bar's bid range reaches its SL (`sl`) or TP (`tp`) trigger level. */
  private flagIfReached(p: Position, sl: boolean, tp: boolean): void {
    const long = p.side === 'BUY';
    const lo = this.barLoPts;
    const hi = this.barHiPts;
    // Trigger levels in bid terms: a short's exits watch the ask.
    const shift = long ? 0 : this.spreadPts;
    const slHit = sl && p.slPts !== null && (long ? lo <= p.slPts : hi >= p.slPts - shift);
    const tpHit = tp && p.tpPts !== null && (long ? hi >= p.tpPts : lo <= p.tpPts - shift);
    if (slHit || tpHit) p.pathDependent = true;
  }

  private fillPending(order: Order, bid: number): void {
    const index = this.pending.indexOf(order);
    if (index >= 0) removeAt(this.pending, index);
    const slip = entrySlippagePts(order.type, this.slippagePts);
    const margin = this.marginFor(order.lots, fillPricePts(order.side === 'BUY', bid, this.spreadPts, slip));
    const equity = this.balanceCents / 100 + this.openPnl();
    const rejected = fillMarginError(margin, equity, this.usedMargin(), this.account.currency);
    if (rejected) {
      order.status = 'REJECTED';
      order.rejectReason = rejected;
      this.touchOrder(order);
      return;
    }
    this.openPosition(order, bid, slip, order.type === 'LIMIT' ? 'LIMIT' : 'STOP');
    if (order.ocoOrderId !== null) {
      const other = this.pending.find((o) => o.id === order.ocoOrderId);
      if (other) {
        other.status = 'CANCELLED';
        removeAt(this.pending, this.pending.indexOf(other));
        this.touchOrder(other);
      }
    }
  }

  /** Opens a position for `order` at the current bid `bid` with `slip` adverse slippage. */
  private openPosition(order: Order, bid: number, slip: number, reason: FillReason): Position {
    const fillPts = fillPricePts(order.side === 'BUY', bid, this.spreadPts, slip);
    const position: Position = {
      id: this.newId(),
      status: 'OPEN',
      side: order.side,
      lots: order.lots,
      entryPts: fillPts,
      entryBidPts: bid,
      entrySlipPts: slip,
      slPts: order.slPts,
      tpPts: order.tpPts,
      trailingPts: order.trailingPts,
      exitPts: null,
      exitBidPts: null,
      exitSlipPts: 0,
      openedTs: this.cursorTs,
      closedTs: null,
      exitReason: null,
      parentId: null,
      orderId: order.id,
      comment: order.comment,
      margin: this.marginFor(order.lots, fillPts),
      realizedCents: 0,
      commissionCents: 0,
      spreadCents: 0,
      slippageCents: 0,
      swapCents: 0,
      pnlCents: 0,
      pathDependent: false,
    };
    order.status = 'FILLED';
    order.filledTs = this.cursorTs;
    order.fillPricePts = fillPts;
    order.positionId = position.id;
    this.touchOrder(order);
    this.open.push(position);
    this.stopOut.dirty = true;
    this.calmStale = true;
    if (position.trailingPts > 0) this.trailingCount++;
    this.postCommission(position, order.lots);
    this.touchPosition(position);
    if (this.trackChanges) {
      this.newFills.push({
        orderId: order.id,
        positionId: position.id,
        side: order.side,
        lots: order.lots,
        pricePts: fillPts,
        ts: this.cursorTs,
        reason,
      });
    }
    return position;
  }

  /**
   * Closes `lots` of `p` at the current bid reference `bid` with `exitSlip` adverse slippage.
   * A partial close cuts a new CLOSED record (linked by parentId) and leaves `p` open.
   */
  private closeAt(
    p: Position,
    lots: number,
    bid: number,
    exitSlip: number,
    reason: FillReason,
    status: PositionStatus,
  ): Position {
    const long = p.side === 'BUY';
    const full = lots >= p.lots - 1e-9;
    this.stopOut.dirty = true;
    this.calmStale = true;
    let record = p;
    if (!full) {
      const remaining = Math.round((p.lots - lots) * 1e8) / 1e8;
      const marginPart = (p.margin * lots) / p.lots;
      // The entry commission (and any swap so far) was paid for every lot: the closed part
      // carries its lots' share, so each record's cost is what its own lots paid (ledger unchanged).
      const entryCommissionPart = roundHalfAway((p.commissionCents * lots) / p.lots);
      const swapPart = roundHalfAway((p.swapCents * lots) / p.lots);
      record = {
        ...p,
        id: this.newId(),
        lots,
        parentId: p.id,
        margin: marginPart,
        realizedCents: entryCommissionPart + swapPart,
        commissionCents: entryCommissionPart,
        spreadCents: 0,
        slippageCents: 0,
        swapCents: swapPart,
        pnlCents: 0,
        trailingPts: 0,
      };
      p.lots = remaining;
      p.margin -= marginPart;
      p.commissionCents -= entryCommissionPart;
      p.swapCents -= swapPart;
      p.realizedCents -= entryCommissionPart + swapPart;
      this.touchPosition(p);
    } else {
      const index = this.open.indexOf(p);
      if (index >= 0) removeAt(this.open, index);
      if (p.trailingPts > 0) this.trailingCount--;
    }
    const exitPts = fillPricePts(!long, bid, this.spreadPts, exitSlip);
    record.status = status;
    record.exitPts = exitPts;
    record.exitBidPts = bid;
    record.exitSlipPts = exitSlip;
    record.closedTs = this.cursorTs;
    record.exitReason = reason;
    const units = this.units(lots);
    const exitPrice = exitPts / this.scale;
    const conversion = this.conversion;
    const pnl = pnlCents(long ? 1 : -1, bid, p.entryBidPts, units, this.scale, conversion, exitPrice);
    const spread = spreadCostCents(this.spreadPaidPts(record), units, this.scale, conversion, exitPrice);
    const slippage = slippageCostCents(p.entrySlipPts, exitSlip, units, this.scale, conversion, exitPrice);
    this.post('PNL', pnl, record.id, true);
    record.pnlCents += pnl;
    this.post('SPREAD', spread, record.id, false);
    record.spreadCents += spread;
    this.post('SLIPPAGE', slippage, record.id, false);
    record.slippageCents += slippage;
    record.realizedCents += pnl + spread + slippage;
    this.postCommission(record, lots);
    this.touchPosition(record);
    if (this.trackChanges) {
      this.newFills.push({
        orderId: null,
        positionId: record.id,
        side: long ? 'SELL' : 'BUY',
        lots,
        pricePts: exitPts,
        ts: this.cursorTs,
        reason,
      });
    }
    this.onClose?.(record);
    return record;
  }

  private postCommission(p: Position, lots: number): void {
    const cents = commissionCents(this.account.commissionPerLotCents, lots);
    if (cents === 0) return;
    this.post('COMMISSION', cents, p.id, false);
    p.commissionCents += cents;
    p.realizedCents += cents;
  }

  /** Posts a ledger entry; zero amounts are skipped unless `always`. */
  private post(type: LedgerType, amountCents: number, positionId: string | null, always: boolean): void {
    if (this.ledger.post(type, amountCents, positionId, this.cursorTs, always, this.trackChanges)) {
      this.stopOut.dirty = true;
      this.calmStale = true;
    }
  }

  // Every change to the book passes through these two, so they also invalidate the trigger band.
  private touchOrder(order: Order): void {
    this.band.dirty = true;
    this.calmStale = true;
    if (this.trackChanges) this.changedOrders.add(order);
  }

  private touchPosition(p: Position): void {
    this.band.dirty = true;
    this.calmStale = true;
    if (this.trackChanges) this.changedPositions.add(p);
  }

  // ---------------------------------------------------------------- trader actions

  /** DEPOSIT, WITHDRAWAL (negative) or ADJUSTMENT (either sign), in cents. */
  cashEntry(type: 'DEPOSIT' | 'WITHDRAWAL' | 'ADJUSTMENT', amountCents: number): Outcome<LedgerEntry | null> {
    if (!Number.isInteger(amountCents)) return { ok: false, reason: 'Amount must be whole cents' };
    const signed =
      type === 'WITHDRAWAL'
        ? -Math.abs(amountCents)
        : type === 'DEPOSIT'
          ? Math.abs(amountCents)
          : amountCents;
    if (signed === 0) return { ok: false, reason: 'Amount must not be zero' };
    if (signed < 0) {
      const freeMarginCents = this.freeMarginCents();
      if (freeMarginCents + signed < 0) {
        return {
          ok: false,
          reason: `Cannot take out ${fmt(-signed / 100, this.account.currency)}: free margin is ${fmt(freeMarginCents / 100, this.account.currency)}`,
        };
      }
    }
    this.post(type, signed, null, true);
    // Cash moves are not trading results: the daily-loss rule measures from a shifted start.
    this.dayStartBalanceCents += signed;
    return { ok: true, value: this.trackChanges ? this.ledger.last() : null };
  }

  /** Places an order at the current tick. Market orders fill at once at the last close. */
  placeOrder(request: OrderRequest): Outcome<Order> {
    if (!this.hasBar) return { ok: false, reason: 'No bar has been revealed yet' };
    const badLots = lotsError(request.lots, this.minLot, this.lotStep);
    if (badLots) return { ok: false, reason: badLots };
    const long = request.side === 'BUY';
    const bid = this.bidPts;
    const ask = this.askPts;
    let pricePts: number | null = null;
    if (request.type !== 'MARKET') {
      if (request.price === undefined || request.price === null || !(request.price > 0)) {
        return { ok: false, reason: `A ${request.type.toLowerCase()} order needs a price` };
      }
      pricePts = toPoints(request.price, this.scale);
      const wrongSide = priceSideError(request.side, request.type, pricePts, bid, ask, this.scale);
      if (wrongSide) return { ok: false, reason: wrongSide };
    }
    // The reference entry for SL/TP in pips and for risk: the order price, or the market fill.
    const entryPts = pricePts ?? (long ? ask + this.slippagePts : bid - this.slippagePts);
    const rules = this.risk;
    const dir = long ? 1 : -1;
    let slPts = priceOrPips(request.sl, request.slPips, entryPts, -dir, this.scale, this.pipPts);
    let tpPts = priceOrPips(request.tp, request.tpPips, entryPts, dir, this.scale, this.pipPts);
    if (slPts === null) slPts = defaultLevelPts(rules.defaultSlPips, entryPts, -dir, this.pipPts);
    if (tpPts === null) tpPts = defaultLevelPts(rules.defaultTpPips, entryPts, dir, this.pipPts);
    const levels = levelsError(request.side, pricePts, slPts, tpPts, bid, ask, this.scale);
    if (levels) return { ok: false, reason: levels };
    const trailingPts = request.trailingPts ?? 0;
    if (trailingPts < 0) return { ok: false, reason: 'Trailing distance must not be negative' };
    if (request.expiryTs != null && request.type === 'MARKET') {
      return { ok: false, reason: 'A market order cannot expire' };
    }
    if (request.expiryTs != null && request.expiryTs <= this.cursorTs) {
      return { ok: false, reason: 'The expiry must be after the current replay time' };
    }
    let oco: Order | null = null;
    if (request.ocoWith != null) {
      if (request.type === 'MARKET')
        return { ok: false, reason: 'A market order cannot be part of an OCO pair' };
      oco = this.pending.find((o) => o.id === request.ocoWith) ?? null;
      if (!oco) return { ok: false, reason: `No pending order ${request.ocoWith} to pair with` };
      if (oco.ocoOrderId !== null) return { ok: false, reason: 'That order is already part of an OCO pair' };
    }
    const broken = riskRuleError(rules, this, request.lots, entryPts, slPts);
    if (broken) return { ok: false, reason: broken };
    // Margin: an order that would leave free margin below zero is rejected.
    const margin = this.marginFor(request.lots, entryPts);
    const noMargin = marginError(margin, this.freeMarginCents() / 100, this.account.currency);
    if (noMargin) return { ok: false, reason: noMargin };
    const order: Order = {
      id: this.newId(),
      side: request.side,
      type: request.type,
      status: 'PENDING',
      lots: request.lots,
      pricePts,
      slPts,
      tpPts,
      trailingPts,
      expiryTs: request.expiryTs ?? null,
      ocoOrderId: oco ? oco.id : null,
      comment: request.comment ?? null,
      rejectReason: null,
      placedTs: this.cursorTs,
      filledTs: null,
      fillPricePts: null,
      positionId: null,
    };
    this.tradesToday++;
    if (oco) {
      oco.ocoOrderId = order.id;
      this.touchOrder(oco);
    }
    if (request.type === 'MARKET') {
      this.openPosition(order, bid, this.slippagePts, 'MARKET');
    } else {
      this.pending.push(order);
      this.touchOrder(order);
    }
    return { ok: true, value: order };
  }

  /** Loss at the stop-loss, account currency (spread and slippage excluded). */
  riskAmount(lots: number, entryPts: number, slPts: number): number {
    return riskAmountFor(this.units(lots), entryPts, slPts, this.scale, this.conversion);
  }

  cancelOrder(orderId: string): Outcome<Order> {
    const index = this.pending.findIndex((o) => o.id === orderId);
    if (index < 0) return { ok: false, reason: 'No pending order with that id' };
    const order = this.pending[index]!;
    order.status = 'CANCELLED';
    removeAt(this.pending, index);
    this.touchOrder(order);
    return { ok: true, value: order };
  }

  modifyOrder(orderId: string, change: ModifyRequest): Outcome<Order> {
    const order = this.pending.find((o) => o.id === orderId);
    if (!order) return { ok: false, reason: 'No pending order with that id' };
    const pricePts = change.price !== undefined ? toPoints(change.price, this.scale) : order.pricePts!;
    if (change.price !== undefined) {
      const wrongSide = priceSideError(
        order.side,
        order.type,
        pricePts,
        this.bidPts,
        this.askPts,
        this.scale,
      );
      if (wrongSide) return { ok: false, reason: wrongSide };
    }
    const slPts =
      change.sl === undefined ? order.slPts : change.sl === null ? null : toPoints(change.sl, this.scale);
    const tpPts =
      change.tp === undefined ? order.tpPts : change.tp === null ? null : toPoints(change.tp, this.scale);
    const levels = levelsError(order.side, pricePts, slPts, tpPts, this.bidPts, this.askPts, this.scale);
    if (levels) return { ok: false, reason: levels };
    if (change.expiryTs != null && change.expiryTs <= this.cursorTs) {
      return { ok: false, reason: 'The expiry must be after the current replay time' };
    }
    order.pricePts = pricePts;
    order.slPts = slPts;
    order.tpPts = tpPts;
    if (change.trailingPts !== undefined) order.trailingPts = change.trailingPts ?? 0;
    if (change.expiryTs !== undefined) order.expiryTs = change.expiryTs;
    this.touchOrder(order);
    return { ok: true, value: order };
  }

  modifyPosition(positionId: string, change: ModifyRequest): Outcome<Position> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const slPts =
      change.sl === undefined ? p.slPts : change.sl === null ? null : toPoints(change.sl, this.scale);
    const tpPts =
      change.tp === undefined ? p.tpPts : change.tp === null ? null : toPoints(change.tp, this.scale);
    const levels = levelsError(p.side, null, slPts, tpPts, this.bidPts, this.askPts, this.scale);
    if (levels) return { ok: false, reason: levels };
    const trailing = change.trailingPts === undefined ? p.trailingPts : (change.trailingPts ?? 0);
    if (trailing < 0) return { ok: false, reason: 'Trailing distance must not be negative' };
    if (p.trailingPts > 0) this.trailingCount--;
    if (trailing > 0) this.trailingCount++;
    p.slPts = slPts;
    p.tpPts = tpPts;
    p.trailingPts = trailing;
    this.touchPosition(p);
    return { ok: true, value: p };
  }

  /** Moves the stop-loss to the entry price; the price must already be beyond it. */
  breakEven(positionId: string): Outcome<Position> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const long = p.side === 'BUY';
    if (long ? !(this.bidPts > p.entryPts) : !(this.askPts < p.entryPts)) {
      return { ok: false, reason: 'Break-even needs the price beyond the entry price first' };
    }
    p.slPts = p.entryPts;
    this.touchPosition(p);
    return { ok: true, value: p };
  }

  /** Closes a position (or `lots` of it) at the current price, as a market exit. */
  closePosition(positionId: string, lots?: number): Outcome<Position> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const closeLots = lots ?? p.lots;
    if (!(closeLots > 0)) return { ok: false, reason: 'Lots to close must be positive' };
    if (closeLots > p.lots + 1e-9) {
      return { ok: false, reason: `Cannot close ${closeLots} lots of a ${p.lots}-lot position` };
    }
    if (closeLots < p.lots - 1e-9) {
      const badLots = lotsError(closeLots, this.minLot, this.lotStep, 'Lots to close');
      if (badLots) return { ok: false, reason: badLots };
      const left = Math.round((p.lots - closeLots) * 1e8) / 1e8;
      if (left < this.minLot - 1e-9) {
        return {
          ok: false,
          reason: `Closing ${closeLots} lots would leave ${left}, below this instrument's minimum of ${this.minLot} lots: close all of it or less`,
        };
      }
    }
    const record = this.closeAt(
      p,
      Math.min(closeLots, p.lots),
      this.bidPts,
      this.slippagePts,
      'CLOSE',
      'CLOSED',
    );
    return { ok: true, value: record };
  }

  closeAll(): Position[] {
    const closed: Position[] = [];
    while (this.open.length > 0) {
      const p = this.open[0]!;
      closed.push(this.closeAt(p, p.lots, this.bidPts, this.slippagePts, 'CLOSE', 'CLOSED'));
    }
    return closed;
  }

  /** Closes the position and opens the opposite one with the same lots at market. */
  reversePosition(positionId: string): Outcome<{ closed: Position; order: Order }> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const closed = this.closeAt(p, p.lots, this.bidPts, this.slippagePts, 'CLOSE', 'CLOSED');
    const placed = this.placeOrder({
      side: p.side === 'BUY' ? 'SELL' : 'BUY',
      type: 'MARKET',
      lots: closed.lots,
      comment: p.comment,
    });
    if (!placed.ok)
      return { ok: false, reason: `Closed, but the reverse order was rejected: ${placed.reason}` };
    return { ok: true, value: { closed, order: placed.value } };
  }
}
