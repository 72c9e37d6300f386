/** Engine vocabulary. Prices inside the engine are in points (price * 10^digits). */

export type Side = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP';
export type OrderStatus = 'PENDING' | 'FILLED' | 'CANCELLED' | 'REJECTED' | 'EXPIRED';
export type PositionStatus = 'OPEN' | 'CLOSED' | 'LIQUIDATED';
export type LedgerType =
  | 'DEPOSIT'
  | 'WITHDRAWAL'
  | 'COMMISSION'
  | 'PNL'
  | 'SLIPPAGE'
  | 'SPREAD'
  | 'SWAP'
  | 'ADJUSTMENT';
export type FillReason = 'MARKET' | 'LIMIT' | 'STOP' | 'SL' | 'TP' | 'CLOSE' | 'STOP_OUT';

export interface AccountSettings {
  currency: string;
  leverage: number;
  spreadPts: number;
  slippagePts: number;
  /** Commission per lot per fill, in cents of the account currency. */
  commissionPerLotCents: number;
  /** Margin level (equity / used margin, %) at or below which everything is liquidated. */
  stopOutPct: number;
  /** Quote-to-account rate for crosses (neither currency is the account's). */
  quoteRate: number | null;
}

/** Per-session risk rules; null switches a rule off. */
export interface RiskRules {
  maxRiskPct: number | null;
  /** Max loss in a replay day (UTC), cents, measured from the day's opening balance to equity. */
  maxDailyLossCents: number | null;
  maxTradesPerDay: number | null;
  defaultSlPips: number | null;
  defaultTpPips: number | null;
}

export const NO_RISK_RULES: RiskRules = {
  maxRiskPct: null,
  maxDailyLossCents: null,
  maxTradesPerDay: null,
  defaultSlPips: null,
  defaultTpPips: null,
};

export interface Order {
  id: string;
  side: Side;
  type: OrderType;
  status: OrderStatus;
  lots: number;
  /** Trigger price in points (null for market). */
  pricePts: number | null;
  slPts: number | null;
  tpPts: number | null;
  /** Trailing distance handed to the position on fill (points, 0 = none). */
  trailingPts: number;
  /** The order expires at the first base bar opening at or after this time. */
  expiryTs: number | null;
  /** The other order of an OCO pair: cancelled when this one fills. */
  ocoOrderId: string | null;
  comment: string | null;
  rejectReason: string | null;
  placedTs: number;
  filledTs: number | null;
  fillPricePts: number | null;
  positionId: string | null;
}

export interface Position {
  id: string;
  status: PositionStatus;
  side: Side;
  lots: number;
  /** Fill price paid (ask for buys), slippage included. */
  entryPts: number;
  /** Bid at entry: P&L is measured bid to bid, spread and slippage post apart. */
  entryBidPts: number;
  entrySlipPts: number;
  slPts: number | null;
  tpPts: number | null;
  trailingPts: number;
  exitPts: number | null;
  exitBidPts: number | null;
  exitSlipPts: number;
  openedTs: number;
  closedTs: number | null;
  /** What closed it (SL, TP, a close, a stop-out), null while open. */
  exitReason: FillReason | null;
  /** The position this closed part was cut from (partial close), else null. */
  parentId: string | null;
  orderId: string | null;
  comment: string | null;
  /** Margin held, account currency (not cents). */
  margin: number;
  /**
   * What this record's lots made and paid, cents: its ledger entries, and for a part cut by a
   * partial close its share of the entry commission (posted once, against the original).
   */
  realizedCents: number;
  commissionCents: number;
  spreadCents: number;
  slippageCents: number;
  /** Swap posted at rollovers while it was open (signed: a credit is positive). */
  swapCents: number;
  pnlCents: number;
  /**
   * The order of prices inside one base bar decided this trade (README "Flagged fills"): an entry
   * and its SL or TP in the bar's range, or an SL/TP exit in a bar that reached the other too.
   */
  pathDependent: boolean;
}

export interface LedgerEntry {
  seq: number;
  type: LedgerType;
  amountCents: number;
  balanceAfterCents: number;
  ts: number;
  positionId: string | null;
}

export interface Fill {
  orderId: string | null;
  positionId: string;
  side: Side;
  lots: number;
  pricePts: number;
  ts: number;
  reason: FillReason;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface OrderRequest {
  side: Side;
  type: OrderType;
  lots: number;
  /** Price units (not points); required for LIMIT and STOP. */
  price?: number | null;
  sl?: number | null;
  tp?: number | null;
  slPips?: number | null;
  tpPips?: number | null;
  trailingPts?: number | null;
  expiryTs?: number | null;
  comment?: string | null;
  /** Place as the OCO partner of this pending order. */
  ocoWith?: string | null;
}

/** Field present = change it; null = remove it (SL, TP, expiry, trailing). */
export interface ModifyRequest {
  price?: number;
  sl?: number | null;
  tp?: number | null;
  trailingPts?: number | null;
  expiryTs?: number | null;
}

export interface AccountState {
  balanceCents: number;
  equityCents: number;
  openPnlCents: number;
  usedMarginCents: number;
  freeMarginCents: number;
  marginLevelPct: number | null;
  bidPts: number;
  askPts: number;
}

/** Everything needed to resume the engine exactly. */
export interface ExecutionState {
  cursorTs: number;
  bidPts: number;
  hasBar: boolean;
  balanceCents: number;
  seq: number;
  dayIndex: number;
  dayStartBalanceCents: number;
  tradesToday: number;
  orders: Order[];
  positions: Position[];
}
