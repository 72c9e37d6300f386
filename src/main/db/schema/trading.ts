import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { datasets, instruments } from './market';
import { users } from './users';

/** A replay session: the account settings, the cursor and the status. */
export const sessions = sqliteTable('sessions', {
  id: id(),
  userId: text()
    .notNull()
    .references(() => users.id),
  instrumentId: text()
    .notNull()
    .references(() => instruments.id),
  datasetId: text().references(() => datasets.id, { onDelete: 'set null' }),
  name: text().notNull(),
  timeframe: text().notNull(),
  baseTimeframe: text().notNull(),
  status: text({ enum: ['DRAFT', 'RUNNING', 'PAUSED', 'COMPLETED', 'ARCHIVED'] }).notNull(),
  speed: text().notNull().default('1x'),
  startTs: integer().notNull(),
  endTs: integer(),
  /** Open time of the last revealed base bar. */
  cursorTs: integer().notNull(),
  currency: text().notNull().default('USD'),
  initialBalanceCents: integer().notNull(),
  leverage: real().notNull(),
  spreadPts: real().notNull(),
  slippagePts: real().notNull().default(0),
  commissionPerLotCents: integer().notNull().default(0),
  stopOutPct: real().notNull().default(50),
  /** Quote-to-account rate for crosses (neither currency is the account's). */
  quoteRate: real(),
  /** Balance after the last ledger entry, cents (kept with every step). */
  balanceCents: integer().notNull().default(0),
  /** Risk rules (seed 001): null switches a rule off. */
  riskMaxPct: real(),
  riskMaxDailyLossCents: integer(),
  riskMaxTradesPerDay: integer(),
  riskDefaultSlPips: real(),
  riskDefaultTpPips: real(),
  /** Engine day state for the daily risk rules: UTC day index, opening balance, trades placed. */
  dayIndex: integer().notNull().default(-1),
  dayStartBalanceCents: integer().notNull().default(0),
  tradesToday: integer().notNull().default(0),
  /**
   * A branch: the session it was started from and the bar (cursor) it left at. No foreign key: a
   * branch outlives a deleted parent, and the list then shows it on its own.
   */
  parentSessionId: text(),
  branchedAtTs: integer(),
  ...timestamps,
});

export const orders = sqliteTable(
  'orders',
  {
    id: id(),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    side: text({ enum: ['BUY', 'SELL'] }).notNull(),
    type: text({ enum: ['MARKET', 'LIMIT', 'STOP'] }).notNull(),
    status: text({ enum: ['PENDING', 'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED'] }).notNull(),
    lots: real().notNull(),
    price: real(),
    slPrice: real(),
    tpPrice: real(),
    comment: text(),
    rejectReason: text(),
    placedTs: integer().notNull(),
    filledTs: integer(),
    fillPrice: real(),
    positionId: text(),
    /** Trailing distance in points handed to the position on fill (0 = none). */
    trailingPts: real().notNull().default(0),
    /** Expires at the first base bar opening at or after this time. */
    expiryTs: integer(),
    /** The other order of an OCO pair. */
    ocoOrderId: text(),
    ...timestamps,
  },
  (t) => [index('orders_session_idx').on(t.sessionId)],
);

export const positions = sqliteTable(
  'positions',
  {
    id: id(),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    status: text({ enum: ['OPEN', 'CLOSED', 'LIQUIDATED'] }).notNull(),
    side: text({ enum: ['BUY', 'SELL'] }).notNull(),
    lots: real().notNull(),
    /** Price actually paid (ask for buys) including slippage. */
    entryPrice: real().notNull(),
    /** Bid at entry: P&L is measured bid to bid, the spread is posted apart. */
    entryBid: real().notNull(),
    entrySlippage: real().notNull().default(0),
    slPrice: real(),
    tpPrice: real(),
    exitPrice: real(),
    exitBid: real(),
    openedTs: integer().notNull(),
    closedTs: integer(),
    /** What closed it: SL, TP, CLOSE or STOP_OUT (null while open, and for rows closed before it was kept). */
    exitReason: text({ enum: ['MARKET', 'LIMIT', 'STOP', 'SL', 'TP', 'CLOSE', 'STOP_OUT'] }),
    realizedPnlCents: integer(),
    commissionCents: integer().notNull().default(0),
    slippageCents: integer().notNull().default(0),
    spreadCents: integer().notNull().default(0),
    /** Swap posted at rollovers (signed: a credit is positive). */
    swapCents: integer().notNull().default(0),
    pnlCents: integer().notNull().default(0),
    /** The order of prices inside one base bar decided this trade (README "Flagged fills"). */
    pathDependent: integer({ mode: 'boolean' }).notNull().default(false),
    exitSlippage: real().notNull().default(0),
    trailingPts: real().notNull().default(0),
    /** Margin held while open, account currency. */
    margin: real().notNull().default(0),
    /** For a partly closed part: the position it was cut from. */
    parentPositionId: text(),
    orderId: text(),
    comment: text(),
    ...timestamps,
  },
  (t) => [index('positions_session_idx').on(t.sessionId)],
);

export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    positionId: text().references(() => positions.id, { onDelete: 'cascade' }),
    /** Order within the session: the ledger is replayed in this order. */
    seq: integer().notNull(),
    type: text({
      enum: ['DEPOSIT', 'WITHDRAWAL', 'COMMISSION', 'PNL', 'SLIPPAGE', 'SPREAD', 'SWAP', 'ADJUSTMENT'],
    }).notNull(),
    amountCents: integer().notNull(),
    balanceAfterCents: integer().notNull(),
    /** Replay time of the event that posted it. */
    ts: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('ledger_entries_session_seq_idx').on(t.sessionId, t.seq)],
);

export const reports = sqliteTable('reports', {
  id: id(),
  sessionId: text()
    .notNull()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  summaryJson: text({ mode: 'json' }).notNull(),
  equityCurveJson: text({ mode: 'json' }).notNull(),
  ...timestamps,
});

/**
 * A session's append-only log (issue 19): every change to its trading state, in order, with the
 * ids the engine made while applying it. Replaying it from the first entry (an `origin` holding
 * the engine state the log starts from) rebuilds orders, positions, ledger and account exactly;
 * step back and branch are that replay stopped at an earlier bar. Written in the same
 * transaction as the change it records.
 */
export const sessionEvents = sqliteTable(
  'session_events',
  {
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    kind: text({
      enum: [
        'origin',
        'step',
        'place',
        'modify-order',
        'cancel',
        'modify-position',
        'close',
        'close-all',
        'reverse',
        'break-even',
        'cash',
        'risk',
      ],
    }).notNull(),
    /** The engine call's arguments (prices, lots, ids), or the origin's state. */
    payloadJson: text({ mode: 'json' }).notNull(),
    /** Ids the engine made applying it, in the order it asked for them. */
    idsJson: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** The cursor, the session's status and the last ledger seq after it. */
    cursorTs: integer().notNull(),
    status: text().notNull(),
    ledgerSeq: integer().notNull(),
    createdAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);
