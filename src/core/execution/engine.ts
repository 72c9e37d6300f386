import { type ConversionMode, conversionMode, quoteToAccount, toCents } from '../portfolio/money';
import { fromPoints, type InstrumentSpec, pointScale, pointsPerPip, toPoints } from './instrument';
import {
  type AccountSettings,
  type AccountState,
  type EngineFill,
  type EngineOrder,
  type EnginePosition,
  type EnginePositionStatus,
  type EngineState,
  type FillReason,
  type LedgerEntry,
  type LedgerType,
  type ModifyRequest,
  NO_RISK_RULES,
  type OrderRequest,
  type Outcome,
  type RiskRules,
  type Side,
} from './types';

export interface EngineConfig {
  instrument: InstrumentSpec;
  account: AccountSettings;
  risk?: RiskRules;
  /** Makes ids for orders and positions (the service passes UUIDs, the bench a counter). */
  newId: () => string;
}

/** What changed since the last `drainChanges()`: the service persists exactly this. */
export interface EngineChanges {
  orders: EngineOrder[];
  positions: EnginePosition[];
  ledger: LedgerEntry[];
  fills: EngineFill[];
}

const SECONDS_PER_DAY = 86_400;
// Item kinds while scanning a price segment.
const KIND_NONE = 0;
const KIND_SL = 1;
const KIND_TP = 2;
const KIND_ORDER = 3;

/**
 * The execution engine: walks each base bar's intrabar path `O, X, Y, C` (ARCHITECTURE §2),
 * fills orders and exits by the documented fill model, keeps margin and the ledger.
 *
 * It never sees a bar before it is revealed: the caller feeds bars one by one with
 * `processBar`, and every trader action applies at the last revealed close. Expected outcomes
 * (a rejected order) are returned as values; exceptions mean bugs.
 */
export class ExecutionEngine {
  readonly instrument: InstrumentSpec;
  readonly account: AccountSettings;
  readonly risk: RiskRules;
  /** 10^digits. */
  readonly scale: number;
  readonly spreadPts: number;
  readonly slippagePts: number;
  readonly pipPts: number;
  private readonly conversion: ConversionMode;
  private readonly newId: () => string;

  cursorTs = 0;
  /** Bid of the current tick, points. */
  bidPts = 0;
  hasBar = false;
  balanceCents = 0;
  seq = 0;
  dayIndex = -1;
  dayStartBalanceCents = 0;
  tradesToday = 0;

  /** Pending orders, in placement order. */
  readonly pending: EngineOrder[] = [];
  /** Open positions, in opening order. */
  readonly open: EnginePosition[] = [];
  private trailingCount = 0;
  /**
   * Bid range (points) in which the margin level is certainly above the stop-out, recomputed
   * after anything that moves equity or margin other than the price. Outside it, the exact check
   * runs. Set false to run the exact check at every tick (tests compare both).
   */
  stopOutFastPath = true;
  private safeDirty = true;
  private safeLow = Number.POSITIVE_INFINITY;
  private safeHigh = Number.NEGATIVE_INFINITY;

  // Change tracking, drained by the service after each step.
  private changedOrders = new Set<EngineOrder>();
  private changedPositions = new Set<EnginePosition>();
  private newLedger: LedgerEntry[] = [];
  private newFills: EngineFill[] = [];
  /** Set false for headless runs that never persist (the bench): nothing is collected. */
  trackChanges = true;
  /** Called for every closed record (partial closes and liquidations included). */
  onClose: ((position: EnginePosition) => void) | null = null;

  constructor(config: EngineConfig, state?: EngineState) {
    this.instrument = config.instrument;
    this.account = config.account;
    this.risk = config.risk ?? NO_RISK_RULES;
    this.newId = config.newId;
    this.scale = pointScale(config.instrument);
    this.spreadPts = config.account.spreadPts;
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
    if (state) {
      this.cursorTs = state.cursorTs;
      this.bidPts = state.bidPts;
      this.hasBar = state.hasBar;
      this.balanceCents = state.balanceCents;
      this.seq = state.seq;
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

  get askPts(): number {
    return this.bidPts + this.spreadPts;
  }

  /** Price units from points. */
  price(points: number): number {
    return fromPoints(points, this.scale);
  }

  exportState(): EngineState {
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

  drainChanges(): EngineChanges {
    const changes: EngineChanges = {
      orders: [...this.changedOrders],
      positions: [...this.changedPositions],
      ledger: this.newLedger,
      fills: this.newFills,
    };
    this.changedOrders = new Set();
    this.changedPositions = new Set();
    this.newLedger = [];
    this.newFills = [];
    return changes;
  }

  /** Fills since the last drain (without draining). */
  get pendingFills(): readonly EngineFill[] {
    return this.newFills;
  }

  accountState(): AccountState {
    const openPnl = this.openPnl();
    const used = this.usedMargin();
    const equityCents = this.balanceCents + toCents(openPnl);
    const usedMarginCents = toCents(used);
    return {
      balanceCents: this.balanceCents,
      equityCents,
      openPnlCents: equityCents - this.balanceCents,
      usedMarginCents,
      freeMarginCents: equityCents - usedMarginCents,
      marginLevelPct: usedMarginCents > 0 ? Math.round((equityCents / usedMarginCents) * 10_000) / 100 : null,
      bidPts: this.bidPts,
      askPts: this.askPts,
    };
  }

  /** Open P&L of one position at the current tick, account currency, costs so far included. */
  positionOpenPnl(p: EnginePosition): number {
    const units = this.units(p.lots);
    const dir = p.side === 'BUY' ? 1 : -1;
    const quote =
      ((dir * (this.bidPts - p.entryBidPts) - this.spreadPts - p.entrySlipPts) * units) / this.scale;
    const exitPrice = p.side === 'BUY' ? this.bidPts : this.bidPts + this.spreadPts;
    return quoteToAccount(quote, this.conversion, exitPrice / this.scale);
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
    return Math.round(lots * this.instrument.contractSize * 1e6) / 1e6;
  }

  /** Margin for `lots` at `pricePts`, account currency: units * price / leverage, converted. */
  marginFor(lots: number, pricePts: number): number {
    const units = this.units(lots);
    const price = pricePts / this.scale;
    const quote = (units * price) / this.account.leverage;
    return quoteToAccount(quote, this.conversion, price);
  }

  // ---------------------------------------------------------------- time

  /** Reveals the first bar of a session without evaluating anything (nothing is open yet). */
  prime(ts: number, close: number): void {
    this.primePts(ts, toPoints(close, this.scale));
  }

  primePts(ts: number, closePts: number): void {
    this.cursorTs = ts;
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
    this.cursorTs = ts;
    if (this.dayIndex !== Math.floor(ts / SECONDS_PER_DAY)) this.rollDay(ts);
    if (!this.hasBar) {
      this.hasBar = true;
      this.bidPts = c;
      return;
    }
    if (this.pending.length === 0 && this.open.length === 0) {
      this.bidPts = c;
      return;
    }
    if (this.pending.length > 0) this.expireOrders(ts);
    // Gap from the previous close to this open, then the continuous path O -> X -> Y -> C.
    this.segment(this.bidPts, o, true);
    this.tick(o);
    let x: number;
    let y: number;
    if (h - o <= o - l) {
      x = h;
      y = l;
    } else {
      x = l;
      y = h;
    }
    this.segment(o, x, false);
    this.tick(x);
    this.segment(x, y, false);
    this.tick(y);
    this.segment(y, c, false);
    this.tick(c);
  }

  private rollDay(ts: number): void {
    this.dayIndex = Math.floor(ts / SECONDS_PER_DAY);
    this.dayStartBalanceCents = this.balanceCents;
    this.tradesToday = 0;
  }

  private expireOrders(ts: number): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const order = this.pending[i]!;
      if (order.expiryTs !== null && ts >= order.expiryTs) {
        order.status = 'EXPIRED';
        this.pending.splice(i, 1);
        this.touchOrder(order);
      }
    }
  }

  /** Arrived at a tick: trailing stops follow, then the stop-out check. */
  private tick(bid: number): void {
    this.bidPts = bid;
    if (this.open.length === 0) return;
    if (this.trailingCount > 0) this.trail(bid);
    if (this.account.stopOutPct > 0) {
      if (this.stopOutFastPath) {
        if (this.safeDirty) this.computeSafeRange();
        if (bid > this.safeLow && bid < this.safeHigh) return;
      }
      this.checkStopOut();
    }
  }

  /**
   * For quote-currency and fixed-rate conversions equity is linear in the bid:
   * `equity = A * bid + B`. The stop-out bites where `A * bid + B <= used * pct / 100`; one point
   * short of that boundary the exact check takes over, so the fast path never decides a borderline.
   */
  private computeSafeRange(): void {
    this.safeDirty = false;
    this.safeLow = Number.POSITIVE_INFINITY;
    this.safeHigh = Number.NEGATIVE_INFINITY;
    if (this.conversion.kind === 'base') return;
    const rate = this.conversion.kind === 'rate' ? this.conversion.rate : 1;
    let a = 0;
    let b = this.balanceCents / 100;
    let used = 0;
    for (let i = 0; i < this.open.length; i++) {
      const p = this.open[i]!;
      const units = this.units(p.lots);
      const dir = p.side === 'BUY' ? 1 : -1;
      a += (dir * units * rate) / this.scale;
      b += ((-dir * p.entryBidPts - this.spreadPts - p.entrySlipPts) * units * rate) / this.scale;
      used += p.margin;
    }
    if (used <= 0) {
      this.safeLow = Number.NEGATIVE_INFINITY;
      this.safeHigh = Number.POSITIVE_INFINITY;
      return;
    }
    const target = (used * this.account.stopOutPct) / 100;
    if (a > 0) {
      this.safeLow = (target - b) / a + 1;
      this.safeHigh = Number.POSITIVE_INFINITY;
    } else if (a < 0) {
      this.safeLow = Number.NEGATIVE_INFINITY;
      this.safeHigh = (target - b) / a - 1;
    } else if (b > target + 1e-6) {
      this.safeLow = Number.NEGATIVE_INFINITY;
      this.safeHigh = Number.POSITIVE_INFINITY;
    }
  }

  private trail(bid: number): void {
    const ask = bid + this.spreadPts;
    for (let i = 0; i < this.open.length; i++) {
      const p = this.open[i]!;
      const d = p.trailingPts;
      if (d <= 0) continue;
      if (p.side === 'BUY') {
        const floor = p.slPts === null ? p.entryPts : Math.max(p.entryPts, p.slPts);
        if (bid - d > floor) {
          p.slPts = bid - d;
          this.touchPosition(p);
        }
      } else {
        const ceiling = p.slPts === null ? p.entryPts : Math.min(p.entryPts, p.slPts);
        if (ask + d < ceiling) {
          p.slPts = ask + d;
          this.touchPosition(p);
        }
      }
    }
  }

  private checkStopOut(): void {
    const used = this.usedMargin();
    if (used <= 0) return;
    const equity = this.balanceCents / 100 + this.openPnl();
    if ((equity / used) * 100 > this.account.stopOutPct) return;
    // Liquidate everything at the current tick, as market exits.
    while (this.open.length > 0) {
      const p = this.open[0]!;
      const exitSlip = this.slippagePts;
      this.closeAt(p, p.lots, this.bidPts, exitSlip, 'STOP_OUT', 'LIQUIDATED');
    }
  }

  /**
   * Evaluates one price segment of bid from `from` to `to`. A gap fills everything it crosses at
   * `to` (the bar's open); a continuous segment fills each level where price reaches it, in the
   * order price reaches them, and keeps scanning after each fill.
   */
  private segment(from: number, to: number, gap: boolean): void {
    const spread = this.spreadPts;
    for (;;) {
      let bestKind = KIND_NONE;
      let bestIndex = -1;
      let bestDist = Number.POSITIVE_INFINITY;
      let bestHit = 0;
      // Exits of open positions first: at equal distance they win over entries.
      for (let i = 0; i < this.open.length; i++) {
        const p = this.open[i]!;
        const long = p.side === 'BUY';
        if (p.slPts !== null) {
          // Long SL: bid <= SL (sell stop). Short SL: ask >= SL, i.e. bid >= SL - spread.
          const level = long ? p.slPts : p.slPts - spread;
          const hit = long ? hitLe(level, from, to, gap) : hitGe(level, from, to, gap);
          if (!Number.isNaN(hit)) {
            const dist = hit > from ? hit - from : from - hit;
            if (dist < bestDist) {
              bestDist = dist;
              bestKind = KIND_SL;
              bestIndex = i;
              bestHit = hit;
            }
          }
        }
        if (p.tpPts !== null) {
          // Long TP: bid >= TP (sell limit). Short TP: ask <= TP, i.e. bid <= TP - spread.
          const level = long ? p.tpPts : p.tpPts - spread;
          const hit = long ? hitGe(level, from, to, gap) : hitLe(level, from, to, gap);
          if (!Number.isNaN(hit)) {
            const dist = hit > from ? hit - from : from - hit;
            if (dist < bestDist) {
              bestDist = dist;
              bestKind = KIND_TP;
              bestIndex = i;
              bestHit = hit;
            }
          }
        }
      }
      for (let i = 0; i < this.pending.length; i++) {
        const o = this.pending[i]!;
        const price = o.pricePts!;
        let hit: number;
        if (o.side === 'BUY') {
          // Buy limit: ask <= P. Buy stop: ask >= P.
          hit =
            o.type === 'LIMIT' ? hitLe(price - spread, from, to, gap) : hitGe(price - spread, from, to, gap);
        } else {
          // Sell limit: bid >= P. Sell stop: bid <= P.
          hit = o.type === 'LIMIT' ? hitGe(price, from, to, gap) : hitLe(price, from, to, gap);
        }
        if (!Number.isNaN(hit)) {
          const dist = hit > from ? hit - from : from - hit;
          if (dist < bestDist) {
            bestDist = dist;
            bestKind = KIND_ORDER;
            bestIndex = i;
            bestHit = hit;
          }
        }
      }
      if (bestKind === KIND_NONE) return;
      this.bidPts = bestHit;
      if (bestKind === KIND_ORDER) {
        this.fillPending(this.pending[bestIndex]!, bestHit);
      } else {
        const p = this.open[bestIndex]!;
        const isSl = bestKind === KIND_SL;
        this.closeAt(p, p.lots, bestHit, isSl ? this.slippagePts : 0, isSl ? 'SL' : 'TP', 'CLOSED');
      }
      if (!gap) from = bestHit;
    }
  }

  private fillPending(order: EngineOrder, bid: number): void {
    const index = this.pending.indexOf(order);
    if (index >= 0) this.pending.splice(index, 1);
    const slip = order.type === 'STOP' ? this.slippagePts : 0;
    const fillPts = order.side === 'BUY' ? bid + this.spreadPts + slip : bid - slip;
    const margin = this.marginFor(order.lots, fillPts);
    const equity = this.balanceCents / 100 + this.openPnl();
    if (equity - this.usedMargin() - margin < 0) {
      order.status = 'REJECTED';
      order.rejectReason = `Not enough free margin at fill: needs ${fmt(margin)}, free ${fmt(equity - this.usedMargin())}`;
      this.touchOrder(order);
      return;
    }
    this.openPosition(order, bid, slip, order.type === 'LIMIT' ? 'LIMIT' : 'STOP');
    if (order.ocoOrderId !== null) {
      const other = this.pending.find((o) => o.id === order.ocoOrderId);
      if (other) {
        other.status = 'CANCELLED';
        this.pending.splice(this.pending.indexOf(other), 1);
        this.touchOrder(other);
      }
    }
  }

  /** Opens a position for `order` at the current bid `bid` with `slip` adverse slippage. */
  private openPosition(order: EngineOrder, bid: number, slip: number, reason: FillReason): EnginePosition {
    const long = order.side === 'BUY';
    const fillPts = long ? bid + this.spreadPts + slip : bid - slip;
    const position: EnginePosition = {
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
      parentId: null,
      orderId: order.id,
      comment: order.comment,
      margin: this.marginFor(order.lots, fillPts),
      realizedCents: 0,
      commissionCents: 0,
      spreadCents: 0,
      slippageCents: 0,
      pnlCents: 0,
    };
    order.status = 'FILLED';
    order.filledTs = this.cursorTs;
    order.fillPricePts = fillPts;
    order.positionId = position.id;
    this.touchOrder(order);
    this.open.push(position);
    this.safeDirty = true;
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
    p: EnginePosition,
    lots: number,
    bid: number,
    exitSlip: number,
    reason: FillReason,
    status: EnginePositionStatus,
  ): EnginePosition {
    const long = p.side === 'BUY';
    const full = lots >= p.lots - 1e-9;
    this.safeDirty = true;
    let record = p;
    if (!full) {
      const remaining = Math.round((p.lots - lots) * 1e8) / 1e8;
      const marginPart = (p.margin * lots) / p.lots;
      record = {
        ...p,
        id: this.newId(),
        lots,
        parentId: p.id,
        margin: marginPart,
        realizedCents: 0,
        commissionCents: 0,
        spreadCents: 0,
        slippageCents: 0,
        pnlCents: 0,
        trailingPts: 0,
      };
      p.lots = remaining;
      p.margin -= marginPart;
      this.touchPosition(p);
    } else {
      const index = this.open.indexOf(p);
      if (index >= 0) this.open.splice(index, 1);
      if (p.trailingPts > 0) this.trailingCount--;
    }
    const exitPts = long ? bid - exitSlip : bid + this.spreadPts + exitSlip;
    record.status = status;
    record.exitPts = exitPts;
    record.exitBidPts = bid;
    record.exitSlipPts = exitSlip;
    record.closedTs = this.cursorTs;
    const units = this.units(lots);
    const exitPrice = exitPts / this.scale;
    const dir = long ? 1 : -1;
    const pnl = toCents(
      quoteToAccount((dir * (bid - p.entryBidPts) * units) / this.scale, this.conversion, exitPrice),
    );
    const spread = -toCents(
      quoteToAccount((this.spreadPts * units) / this.scale, this.conversion, exitPrice),
    );
    const slippage = -toCents(
      quoteToAccount(((p.entrySlipPts + exitSlip) * units) / this.scale, this.conversion, exitPrice),
    );
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

  private postCommission(p: EnginePosition, lots: number): void {
    const cents = -Math.round(this.account.commissionPerLotCents * lots + 1e-9);
    if (cents === 0) return;
    this.post('COMMISSION', cents, p.id, false);
    p.commissionCents += cents;
    p.realizedCents += cents;
  }

  /** Posts a ledger entry; zero amounts are skipped unless `always`. */
  private post(type: LedgerType, amountCents: number, positionId: string | null, always: boolean): void {
    if (amountCents === 0 && !always) return;
    this.balanceCents += amountCents;
    this.safeDirty = true;
    this.seq++;
    if (this.trackChanges) {
      this.newLedger.push({
        seq: this.seq,
        type,
        amountCents,
        balanceAfterCents: this.balanceCents,
        ts: this.cursorTs,
        positionId,
      });
    }
  }

  private touchOrder(order: EngineOrder): void {
    if (this.trackChanges) this.changedOrders.add(order);
  }

  private touchPosition(p: EnginePosition): void {
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
      const account = this.accountState();
      if (account.freeMarginCents + signed < 0) {
        return {
          ok: false,
          reason: `Cannot take out ${fmt(-signed / 100)}: free margin is ${fmt(account.freeMarginCents / 100)}`,
        };
      }
    }
    this.post(type, signed, null, true);
    // Cash moves are not trading results: the daily-loss rule measures from a shifted start.
    this.dayStartBalanceCents += signed;
    return { ok: true, value: this.trackChanges ? this.newLedger[this.newLedger.length - 1]! : null };
  }

  /** Places an order at the current tick. Market orders fill at once at the last close. */
  placeOrder(request: OrderRequest): Outcome<EngineOrder> {
    if (!this.hasBar) return { ok: false, reason: 'No bar has been revealed yet' };
    if (!(request.lots > 0)) return { ok: false, reason: 'Lots must be positive' };
    const long = request.side === 'BUY';
    const bid = this.bidPts;
    const ask = this.askPts;
    let pricePts: number | null = null;
    if (request.type !== 'MARKET') {
      if (request.price === undefined || request.price === null || !(request.price > 0)) {
        return { ok: false, reason: `A ${request.type.toLowerCase()} order needs a price` };
      }
      pricePts = toPoints(request.price, this.scale);
      const wrongSide = this.priceSideError(request.side, request.type, pricePts);
      if (wrongSide) return { ok: false, reason: wrongSide };
    }
    // The reference entry for SL/TP in pips and for risk: the order price, or the market fill.
    const entryPts = pricePts ?? (long ? ask + this.slippagePts : bid - this.slippagePts);
    const rules = this.risk;
    const dir = long ? 1 : -1;
    let slPts = priceOrPips(request.sl, request.slPips, entryPts, -dir, this.scale, this.pipPts);
    let tpPts = priceOrPips(request.tp, request.tpPips, entryPts, dir, this.scale, this.pipPts);
    if (slPts === null && rules.defaultSlPips !== null)
      slPts = entryPts - dir * rules.defaultSlPips * this.pipPts;
    if (tpPts === null && rules.defaultTpPips !== null)
      tpPts = entryPts + dir * rules.defaultTpPips * this.pipPts;
    const levels = this.checkLevels(request.side, pricePts, slPts, tpPts);
    if (levels) return { ok: false, reason: levels };
    const trailingPts = request.trailingPts ?? 0;
    if (trailingPts < 0) return { ok: false, reason: 'Trailing distance must not be negative' };
    if (request.expiryTs != null && request.type === 'MARKET') {
      return { ok: false, reason: 'A market order cannot expire' };
    }
    if (request.expiryTs != null && request.expiryTs <= this.cursorTs) {
      return { ok: false, reason: 'The expiry must be after the current replay time' };
    }
    let oco: EngineOrder | null = null;
    if (request.ocoWith != null) {
      if (request.type === 'MARKET')
        return { ok: false, reason: 'A market order cannot be part of an OCO pair' };
      oco = this.pending.find((o) => o.id === request.ocoWith) ?? null;
      if (!oco) return { ok: false, reason: `No pending order ${request.ocoWith} to pair with` };
      if (oco.ocoOrderId !== null) return { ok: false, reason: 'That order is already part of an OCO pair' };
    }
    // Risk rules.
    if (rules.maxTradesPerDay !== null && this.tradesToday >= rules.maxTradesPerDay) {
      return {
        ok: false,
        reason: `Risk rule: the limit of ${rules.maxTradesPerDay} trades per day is reached`,
      };
    }
    if (rules.maxDailyLossCents !== null) {
      const lossCents = this.dayStartBalanceCents - this.accountState().equityCents;
      if (lossCents >= rules.maxDailyLossCents) {
        return {
          ok: false,
          reason: `Risk rule: the daily loss limit of ${fmt(rules.maxDailyLossCents / 100)} is reached (lost ${fmt(lossCents / 100)} today)`,
        };
      }
    }
    if (rules.maxRiskPct !== null) {
      if (slPts === null) {
        return {
          ok: false,
          reason: `Risk rule: a stop-loss is required (max risk ${rules.maxRiskPct}% per trade)`,
        };
      }
      const risk = this.riskAmount(request.lots, entryPts, slPts);
      const pct = (risk / (this.balanceCents / 100)) * 100;
      if (pct > rules.maxRiskPct + 1e-9) {
        return {
          ok: false,
          reason: `Risk rule: this order risks ${pct.toFixed(2)}% of the balance, over the ${rules.maxRiskPct}% limit`,
        };
      }
    }
    // Margin: an order that would leave free margin below zero is rejected.
    const margin = this.marginFor(request.lots, entryPts);
    const account = this.accountState();
    const free = account.freeMarginCents / 100;
    if (free - margin < 0) {
      return {
        ok: false,
        reason: `Not enough free margin: the order needs ${fmt(margin)}, free margin is ${fmt(free)}`,
      };
    }
    const order: EngineOrder = {
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
    const quote = (Math.abs(entryPts - slPts) * this.units(lots)) / this.scale;
    return quoteToAccount(quote, this.conversion, slPts / this.scale);
  }

  /** A limit must sit below the market for a buy (above for a sell), a stop the other way. */
  private priceSideError(side: Side, type: string, pricePts: number): string | null {
    const long = side === 'BUY';
    const ref = long ? this.askPts : this.bidPts;
    const wantBelow = (type === 'LIMIT') === long;
    if (wantBelow ? pricePts < ref : pricePts > ref) return null;
    return `A ${describe(side, type)} must be ${wantBelow ? 'below' : 'above'} the current ${long ? 'ask' : 'bid'} ${this.price(ref)}`;
  }

  /** SL/TP sanity: where they would not trigger at once. Returns a reason or null. */
  private checkLevels(
    side: Side,
    pricePts: number | null,
    slPts: number | null,
    tpPts: number | null,
  ): string | null {
    const long = side === 'BUY';
    // Against the order price for pending orders; against the exit price now for market orders.
    const ref = pricePts ?? (long ? this.bidPts : this.askPts);
    const refName = pricePts !== null ? 'the order price' : long ? 'the current bid' : 'the current ask';
    if (slPts !== null) {
      if (slPts <= 0) return 'The stop-loss must be a positive price';
      if (long && !(slPts < ref))
        return `A buy's stop-loss ${this.price(slPts)} must be below ${refName} ${this.price(ref)}`;
      if (!long && !(slPts > ref))
        return `A sell's stop-loss ${this.price(slPts)} must be above ${refName} ${this.price(ref)}`;
    }
    if (tpPts !== null) {
      if (tpPts <= 0) return 'The take-profit must be a positive price';
      if (long && !(tpPts > ref))
        return `A buy's take-profit ${this.price(tpPts)} must be above ${refName} ${this.price(ref)}`;
      if (!long && !(tpPts < ref))
        return `A sell's take-profit ${this.price(tpPts)} must be below ${refName} ${this.price(ref)}`;
    }
    return null;
  }

  cancelOrder(orderId: string): Outcome<EngineOrder> {
    const index = this.pending.findIndex((o) => o.id === orderId);
    if (index < 0) return { ok: false, reason: 'No pending order with that id' };
    const order = this.pending[index]!;
    order.status = 'CANCELLED';
    this.pending.splice(index, 1);
    this.touchOrder(order);
    return { ok: true, value: order };
  }

  modifyOrder(orderId: string, change: ModifyRequest): Outcome<EngineOrder> {
    const order = this.pending.find((o) => o.id === orderId);
    if (!order) return { ok: false, reason: 'No pending order with that id' };
    const pricePts = change.price !== undefined ? toPoints(change.price, this.scale) : order.pricePts!;
    if (change.price !== undefined) {
      const wrongSide = this.priceSideError(order.side, order.type, pricePts);
      if (wrongSide) return { ok: false, reason: wrongSide };
    }
    const slPts =
      change.sl === undefined ? order.slPts : change.sl === null ? null : toPoints(change.sl, this.scale);
    const tpPts =
      change.tp === undefined ? order.tpPts : change.tp === null ? null : toPoints(change.tp, this.scale);
    const levels = this.checkLevels(order.side, pricePts, slPts, tpPts);
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

  modifyPosition(positionId: string, change: ModifyRequest): Outcome<EnginePosition> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const slPts =
      change.sl === undefined ? p.slPts : change.sl === null ? null : toPoints(change.sl, this.scale);
    const tpPts =
      change.tp === undefined ? p.tpPts : change.tp === null ? null : toPoints(change.tp, this.scale);
    const levels = this.checkLevels(p.side, null, slPts, tpPts);
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
  breakEven(positionId: string): Outcome<EnginePosition> {
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
  closePosition(positionId: string, lots?: number): Outcome<EnginePosition> {
    const p = this.open.find((x) => x.id === positionId);
    if (!p) return { ok: false, reason: 'No open position with that id' };
    const closeLots = lots ?? p.lots;
    if (!(closeLots > 0)) return { ok: false, reason: 'Lots to close must be positive' };
    if (closeLots > p.lots + 1e-9) {
      return { ok: false, reason: `Cannot close ${closeLots} lots of a ${p.lots}-lot position` };
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

  closeAll(): EnginePosition[] {
    const closed: EnginePosition[] = [];
    while (this.open.length > 0) {
      const p = this.open[0]!;
      closed.push(this.closeAt(p, p.lots, this.bidPts, this.slippagePts, 'CLOSE', 'CLOSED'));
    }
    return closed;
  }

  /** Closes the position and opens the opposite one with the same lots at market. */
  reversePosition(positionId: string): Outcome<{ closed: EnginePosition; order: EngineOrder }> {
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

/** Continuous or gap hit for a "bid >= level" trigger; NaN when not hit. */
function hitGe(level: number, from: number, to: number, gap: boolean): number {
  if (gap) return to >= level ? to : Number.NaN;
  if (from >= level) return from;
  if (to >= level) return level;
  return Number.NaN;
}

/** Continuous or gap hit for a "bid <= level" trigger; NaN when not hit. */
function hitLe(level: number, from: number, to: number, gap: boolean): number {
  if (gap) return to <= level ? to : Number.NaN;
  if (from <= level) return from;
  if (to <= level) return level;
  return Number.NaN;
}

function priceOrPips(
  price: number | null | undefined,
  pips: number | null | undefined,
  entryPts: number,
  sign: number,
  scale: number,
  pipPts: number,
): number | null {
  if (price !== undefined && price !== null) return toPoints(price, scale);
  if (pips !== undefined && pips !== null) return entryPts + sign * pips * pipPts;
  return null;
}

function describe(side: Side, type: string): string {
  return `${side.toLowerCase()} ${type.toLowerCase()}`;
}

function fmt(amount: number): string {
  return amount.toFixed(2);
}
