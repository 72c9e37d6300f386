import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { conversionMode, quoteToAccount } from '../../../../core/portfolio/money';
import type {
  AccountDto,
  CandleDto,
  FillDto,
  OrderDto,
  PositionDto,
  ReplaySnapshotDto,
  ReplayTickDto,
  SessionDto,
  TransactionDto,
} from '../../../../shared/dto';
import {
  SPEEDS,
  type Speed,
  TIMEFRAME_SECONDS,
  TIMEFRAMES,
  type Timeframe,
} from '../../../../shared/timeframes';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import { Splitter } from '../../shared/Splitter';
import type { ChartTheme } from '../../shared/theme';
import { useInstruments } from '../market/use-instruments';
import { AccountBar } from './AccountBar';
import { CandleChart, type ChartFeed, type LevelTarget, type MoneyAt } from './chart/CandleChart';
import { ChartStudies, upsertCandle } from './chart/ChartStudies';
import { dayPnlCents } from './day-pnl';
import { LedgerTable } from './LedgerTable';
import { OrderTicket, type TicketHandle } from './OrderTicket';
import { PositionsTable } from './PositionsTable';
import { ShortcutHelp } from './ShortcutHelp';
import { type TradeFocus, TradeFocusView } from './TradeFocus';
import { TradeScreenshots } from './TradeScreenshots';
import { LAYOUT_LIMITS, useDeskLayout } from './use-desk-layout';

/** "2019-01-02T10:00" (a datetime-local box, read as UTC) to ISO 8601 UTC. */
const toIsoUtc = (local: string) => `${local.length === 16 ? `${local}:00` : local}Z`;

const CHART_BARS = 600;

/** The replay desk: chart of revealed bars, replay controls, ticket, positions, ledger. */
export function DeskPage({
  sessionId,
  theme,
  focus,
}: {
  sessionId: string;
  theme: ChartTheme;
  /** A trade from a report to scroll the chart to. */
  focus?: TradeFocus;
}) {
  const [session, setSession] = useState<SessionDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [positions, setPositions] = useState<PositionDto[]>([]);
  const [orders, setOrders] = useState<OrderDto[]>([]);
  const [fills, setFills] = useState<FillDto[]>([]);
  const [ledger, setLedger] = useState<TransactionDto[]>([]);
  const [history, setHistory] = useState<PositionDto[]>([]);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('1x');
  const [error, setError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [pickedPrice, setPickedPrice] = useState<number | null>(null);
  const [jumpTo, setJumpTo] = useState('');
  const instruments = useInstruments();
  const [layout, setLayout] = useDeskLayout();
  const feed = useRef<ChartFeed | null>(null);
  const pendingCandles = useRef<Parameters<ChartFeed['reset']>[0] | null>(null);
  const ticket = useRef<TicketHandle>(null);
  // Indicators and drawings need the chart objects and the revealed bars as state.
  const [studyFeed, setStudyFeed] = useState<ChartFeed | null>(null);
  const [revealed, setRevealed] = useState<CandleDto[]>([]);

  /** The ledger and closed positions change only on fills: re-read them then. */
  const refreshLedger = useCallback(async () => {
    const [transactions, all] = await Promise.all([
      api['ledger:list']({ sessionId }),
      api['positions:list']({ sessionId, status: 'ALL' }),
    ]);
    setLedger(transactions);
    setHistory(all.filter((p) => p.status !== 'OPEN'));
  }, [sessionId]);

  const applyTick = useCallback(
    (tick: ReplayTickDto) => {
      feed.current?.update(tick.bar);
      setRevealed((list) => upsertCandle(list, tick.bar, CHART_BARS));
      setAccount(tick.account);
      setPositions(tick.positions);
      setOrders(tick.orders);
      setSession((s) => (s ? { ...s, status: tick.status, cursorTs: tick.cursorTs } : s));
      if (tick.fills.length) {
        setFills((f) => [...f, ...tick.fills]);
        void refreshLedger();
      }
      if (tick.status === 'COMPLETED') setPlaying(false);
    },
    [refreshLedger],
  );

  /** Re-reads orders, positions, account and ledger after the trader changed something. */
  const refreshState = useCallback(async () => {
    const snapshot = await api['replay:snapshot']({ sessionId, count: 1 });
    setAccount(snapshot.account);
    setPositions(snapshot.positions);
    setOrders(snapshot.orders);
    await refreshLedger();
  }, [sessionId, refreshLedger]);

  /** Shows a full snapshot: session, account, orders, positions, the chart's bars and the ledger. */
  const applySnapshot = useCallback(
    async (snapshot: ReplaySnapshotDto) => {
      setSession(snapshot.session);
      setAccount(snapshot.account);
      setPositions(snapshot.positions);
      setOrders(snapshot.orders);
      setRevealed(snapshot.candles);
      // Before the chart is up, it takes the bars when it is ready.
      if (feed.current) feed.current.reset(snapshot.candles);
      else pendingCandles.current = snapshot.candles;
      await refreshLedger();
    },
    [refreshLedger],
  );

  /** Redraws everything from the back end (timeframe change, jumps, chart-bar steps). */
  const reloadChart = useCallback(
    async (timeframe?: Timeframe) =>
      applySnapshot(
        await api['replay:snapshot']({ sessionId, count: CHART_BARS, ...(timeframe ? { timeframe } : {}) }),
      ),
    [sessionId, applySnapshot],
  );

  useEffect(() => {
    let live = true;
    api['replay:snapshot']({ sessionId, count: CHART_BARS })
      .then((snapshot) => {
        if (!live) return;
        setSpeed(snapshot.session.speed);
        return applySnapshot(snapshot);
      })
      .catch((e) => setError(errorMessage(e)));
    const offTick = client.on('replay:tick', (tick) => {
      if (tick.sessionId === sessionId) applyTick(tick);
    });
    const offStopped = client.on('replay:stopped', (stop) => {
      if (stop.sessionId !== sessionId) return;
      setPlaying(false);
      if (stop.reason === 'error' && stop.message) setError(stop.message);
    });
    return () => {
      live = false;
      offTick();
      offStopped();
      void api['replay:pause']({ sessionId }).catch(() => {});
    };
  }, [sessionId, applyTick, applySnapshot]);

  // The chart is rebuilt when the theme changes: a new chart gets the revealed bars again.
  const onChartReady = useCallback(
    (f: ChartFeed | null) => {
      const rebuilt = feed.current === null && f !== null && pendingCandles.current === null;
      feed.current = f;
      setStudyFeed(f);
      if (f && pendingCandles.current) {
        f.reset(pendingCandles.current);
        pendingCandles.current = null;
      } else if (rebuilt) {
        api['replay:snapshot']({ sessionId, count: CHART_BARS }).then(
          (snapshot) => {
            setRevealed(snapshot.candles);
            feed.current?.reset(snapshot.candles);
          },
          (e) => setError(errorMessage(e)),
        );
      }
    },
    [sessionId],
  );

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const step = () => run(async () => applyTick(await api['replay:step']({ sessionId, bars: 1 })));
  // Whether the clock plays is the back end's to say: a press asks it to toggle and shows its
  // answer. Deciding from `playing` here sent a second play when a press beat the first answer.
  const togglePlay = () => run(async () => setPlaying((await api['replay:toggle']({ sessionId })).playing));
  const changeSpeed = (next: Speed) =>
    run(async () => {
      setSpeed(next);
      // The session keeps its speed, and a running clock takes it at once.
      await api['sessions:update']({ sessionId, speed: next });
    });
  const stepChartBar = () =>
    run(async () => {
      await api['replay:step-chart-bar']({ sessionId });
      await reloadChart();
    });
  const changeTimeframe = (timeframe: Timeframe) =>
    run(async () => {
      // The back end keeps the chart timeframe: ticks then carry bars of it; results never change.
      await api['sessions:update']({ sessionId, timeframe });
      await reloadChart(timeframe);
    });
  const jump = () =>
    run(async () => {
      if (!jumpTo) throw new Error('Pick a date and time to jump to.');
      // Whatever this render believes, the clock must not run on past the jump.
      setPlaying((await api['replay:pause']({ sessionId })).playing);
      const tick = await api['replay:jump']({ sessionId, to: toIsoUtc(jumpTo) });
      if (tick.fills.length) setFills((f) => [...f, ...tick.fills]);
      await reloadChart();
    });
  const after = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      await refreshState();
    });
  const closePosition = (positionId: string, lots?: number) =>
    after(() => api['positions:close']({ sessionId, positionId, ...(lots ? { lots } : {}) }));
  const breakEven = (positionId: string) =>
    after(() => api['positions:break-even']({ sessionId, positionId }));
  const reverse = (positionId: string) => after(() => api['positions:reverse']({ sessionId, positionId }));
  const modifyPosition = (positionId: string, sl: number | null, tp: number | null) =>
    after(() => api['positions:modify']({ sessionId, positionId, sl, tp }));
  const modifyOrder = (orderId: string, change: { price?: number; sl?: number | null; tp?: number | null }) =>
    after(() => api['orders:modify']({ sessionId, orderId, ...change }));
  const cancelOrder = (orderId: string) => after(() => api['orders:cancel']({ sessionId, orderId }));
  const moveLevel = useCallback(
    async (target: LevelTarget, price: number) => {
      const change = target.level === 'price' ? { price } : { [target.level]: price };
      setError(null);
      try {
        if (target.kind === 'position')
          await api['positions:modify']({ sessionId, positionId: target.id, ...change });
        else await api['orders:modify']({ sessionId, orderId: target.id, ...change });
      } catch (e) {
        setError(errorMessage(e));
      }
      await refreshState().catch((e) => setError(errorMessage(e)));
    },
    [sessionId, refreshState],
  );
  const closeAll = () => after(() => api['positions:close-all']({ sessionId }));

  // A layout effect, so the listener is swapped in the same task as the DOM it matches: a key
  // pressed once "Pause" shows never reaches a listener from the render before it.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const index = SPEEDS.indexOf(speed);
      if (event.key === ' ') {
        event.preventDefault();
        void togglePlay();
      } else if (event.key === 'ArrowRight') {
        // Like the Step buttons: no stepping under a playing replay.
        if (!playing) void (event.shiftKey ? stepChartBar() : step());
      } else if (event.key === '+' || event.key === '=')
        void changeSpeed(SPEEDS[Math.min(index + 1, SPEEDS.length - 1)]!);
      else if (event.key === '-') void changeSpeed(SPEEDS[Math.max(index - 1, 0)]!);
      else if (event.key === 'b') void ticket.current?.send('BUY');
      else if (event.key === 's') void ticket.current?.send('SELL');
      else if (event.key === 'C') void closeAll();
      else if (event.key === '?') setHelp((h) => !h);
      else if (event.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const instrument = instruments.find((i) => i.id === session?.instrumentId);
  // Every tick brings a new session object: the memo keys on what the conversion reads.
  const currency = session?.currency;
  const quoteRate = session?.quoteRate ?? null;
  const moneyAt = useMemo<MoneyAt>(() => {
    if (!instrument || !currency) return () => null;
    const mode = conversionMode(instrument.baseCurrency, instrument.quoteCurrency, currency, quoteRate);
    return (side, lots, entry, price) =>
      mode === null
        ? null
        : quoteToAccount(
            (side === 'BUY' ? price - entry : entry - price) * instrument.contractSize * lots,
            mode,
            price,
          );
  }, [instrument, currency, quoteRate]);
  if (!session || !account || !instrument) {
    return (
      <div className="page">
        {error ? (
          <div role="alert" className="error">
            {error}
          </div>
        ) : (
          <p className="hint">Loading session…</p>
        )}
      </div>
    );
  }

  const cursorTs = session.cursorTs;
  const completed = session.status === 'COMPLETED' || session.status === 'ARCHIVED';
  const span = Math.max(1, (session.endTs ?? session.dataEndTs) - session.startTs);
  const progress = Math.min(100, Math.max(0, ((cursorTs - session.startTs) / span) * 100));
  return (
    <div className="desk">
      <AccountBar
        account={account}
        digits={session.digits}
        dayPnlCents={dayPnlCents(ledger, account.openPnlCents, cursorTs)}
      />
      <div className="desk-main" style={{ gridTemplateColumns: `minmax(0, 1fr) 5px ${layout.sideWidth}px` }}>
        <section className="chart-panel" aria-label="Chart">
          <div className="replay-bar" role="toolbar" aria-label="Replay controls">
            <strong>{session.symbol}</strong>
            <select
              aria-label="Chart timeframe"
              value={session.timeframe}
              onChange={(e) => changeTimeframe(e.target.value as Timeframe)}
            >
              {TIMEFRAMES.filter(
                (tf) => TIMEFRAME_SECONDS[tf] >= TIMEFRAME_SECONDS[session.baseTimeframe],
              ).map((tf) => (
                <option key={tf}>{tf}</option>
              ))}
            </select>
            <button type="button" onClick={togglePlay} disabled={completed} aria-pressed={playing}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" onClick={step} disabled={completed || playing}>
              Step
            </button>
            <button
              type="button"
              onClick={stepChartBar}
              disabled={completed || playing}
              aria-label="Next chart bar"
              title="Reveal up to the end of the next chart bar (Shift+→)"
            >
              Next bar
            </button>
            {/* "15x" says what it is; the name stays for screen readers, the room goes to the chart. */}
            <select
              aria-label="Speed"
              title="Replay speed (+ / −)"
              value={speed}
              onChange={(e) => changeSpeed(e.target.value as Speed)}
            >
              {SPEEDS.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
            <form
              className="inline jump"
              onSubmit={(e) => {
                e.preventDefault();
                void jump();
              }}
            >
              <input
                type="datetime-local"
                aria-label="Jump to (UTC)"
                value={jumpTo}
                min={formatTs(cursorTs).replace(' ', 'T')}
                onChange={(e) => setJumpTo(e.target.value)}
              />
              <button type="submit" disabled={completed}>
                Jump
              </button>
            </form>
            <progress className="session-progress" aria-label="Session progress" max={100} value={progress} />
            <output aria-label="Replay time" className="cursor">
              {formatTs(cursorTs)} UTC
            </output>
            {/* Play/Pause already says running or paused; only an ended session needs a badge. */}
            {completed && <span className="status">{session.status}</span>}
            <TradeScreenshots
              sessionId={sessionId}
              feed={studyFeed}
              loaded={session}
              open={positions}
              closed={history}
              onError={setError}
            />
            <button type="button" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
              ?
            </button>
          </div>
          <ChartStudies
            chart={studyFeed?.chart ?? null}
            series={studyFeed?.candles ?? null}
            sessionId={sessionId}
            symbol={session.symbol}
            digits={session.digits}
            candles={revealed}
          />
          {focus && (
            <TradeFocusView
              sessionId={sessionId}
              focus={focus}
              feed={studyFeed}
              timeframe={session.timeframe}
              revealed={revealed}
              onBars={setRevealed}
              onError={setError}
            />
          )}
          <CandleChart
            digits={session.digits}
            timeframe={session.timeframe}
            theme={theme}
            positions={positions}
            orders={orders}
            fills={fills}
            onReady={onChartReady}
            onContextPrice={setPickedPrice}
            moneyAt={moneyAt}
            onMoveLevel={moveLevel}
          />
        </section>
        <Splitter
          label="Resize the order ticket panel"
          orientation="vertical"
          value={layout.sideWidth}
          {...LAYOUT_LIMITS.sideWidth}
          direction={-1}
          onChange={(v) => setLayout('sideWidth', v)}
        />
        <aside className="side-panel">
          {error && (
            <div role="alert" className="error">
              {error}
            </div>
          )}
          <OrderTicket
            sessionId={sessionId}
            instrument={instrument}
            account={account}
            disabled={completed}
            pickedPrice={pickedPrice}
            onPlaced={() => void run(refreshState)}
            handle={ticket}
          />
        </aside>
      </div>
      <Splitter
        label="Resize the positions and ledger panel"
        orientation="horizontal"
        value={layout.tablesHeight}
        {...LAYOUT_LIMITS.tablesHeight}
        direction={-1}
        onChange={(v) => setLayout('tablesHeight', v)}
      />
      <section
        className="desk-tables"
        aria-label="Positions and ledger"
        style={{ height: layout.tablesHeight, flexBasis: layout.tablesHeight }}
      >
        <div>
          <PositionsTable
            positions={positions}
            history={history}
            orders={orders}
            digits={session.digits}
            disabled={completed}
            onClose={closePosition}
            onBreakEven={breakEven}
            onReverse={reverse}
            onModify={modifyPosition}
            onModifyOrder={modifyOrder}
            onCancelOrder={cancelOrder}
            onCloseAll={closeAll}
          />
        </div>
        <div>
          <LedgerTable transactions={ledger} currency={session.currency} />
        </div>
      </section>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
