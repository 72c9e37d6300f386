import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { conversionMode, quoteToAccount } from '../../../../core/portfolio/money';
import type {
  AccountDto,
  CandleDto,
  LedgerEntryDto,
  OrderDto,
  PositionDto,
  ReplaySnapshotDto,
  ReplayTickDto,
  SessionDto,
} from '../../../../shared/dto';
import type { Speed, Timeframe } from '../../../../shared/timeframes';
import { api, client } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { useInstruments } from '../market/use-instruments';
import type { ChartFeed, LevelTarget, MoneyAt } from './chart/CandleChart';
import { upsertCandle } from './chart/revealed-bars';

/** "2019-01-02T10:00" (a datetime-local box, read as UTC) to ISO 8601 UTC. */
const toIsoUtc = (local: string) => `${local.length === 16 ? `${local}:00` : local}Z`;

const CHART_BARS = 600;

const PAUSE_ON_FILL_KEY = 'tickstep-pause-on-fill';
/** Pause on fills is a preference of this machine, on unless the trader turned it off. */
const readPauseOnFill = () => {
  try {
    return localStorage.getItem(PAUSE_ON_FILL_KEY) !== 'off';
  } catch {
    return true;
  }
};

/**
 * The replay desk's state and every contract call it makes: the session, account, orders,
 * positions, fills and ledger, kept current by `replay:tick` deltas and re-read after the trader
 * changes something; the chart feed; and the replay and position actions.
 */
export function useDesk(sessionId: string) {
  const [session, setSession] = useState<SessionDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [positions, setPositions] = useState<PositionDto[]>([]);
  const [orders, setOrders] = useState<OrderDto[]>([]);
  const [ledger, setLedger] = useState<LedgerEntryDto[]>([]);
  const [history, setHistory] = useState<PositionDto[]>([]);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('1x');
  const [error, setError] = useState<string | null>(null);
  const [pickedPrice, setPickedPrice] = useState<number | null>(null);
  const [jumpTo, setJumpTo] = useState('');
  const [pauseOnFill, setPauseOnFillState] = useState(readPauseOnFill);
  /** Bars to step back, and whether the warning that later trades are undone is showing. */
  const [backBars, setBackBars] = useState(1);
  const [confirmBack, setConfirmBack] = useState(false);
  const instruments = useInstruments();
  const feed = useRef<ChartFeed | null>(null);
  const pendingCandles = useRef<{ candles: CandleDto[]; timeframe: Timeframe } | null>(null);
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

  const applyTicks = useCallback(
    (ticks: ReplayTickDto[]) => {
      const last = ticks.at(-1);
      if (!last) return;
      for (const tick of ticks) feed.current?.update(tick.bar);
      setRevealed((list) => ticks.reduce((bars, tick) => upsertCandle(bars, tick.bar, CHART_BARS), list));
      setAccount(last.account);
      setPositions(last.positions);
      setOrders(last.orders);
      setSession((s) =>
        s ? { ...s, status: last.status, cursorTs: last.cursorTs, baseTimeframe: last.baseTimeframe } : s,
      );
      if (ticks.some((tick) => tick.fills.length)) void refreshLedger();
      if (last.status === 'COMPLETED') setPlaying(false);
    },
    [refreshLedger],
  );
  const applyTick = useCallback((tick: ReplayTickDto) => applyTicks([tick]), [applyTicks]);

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
      const shown = { candles: snapshot.candles, timeframe: snapshot.session.timeframe };
      if (feed.current) feed.current.reset(shown.candles, shown.timeframe);
      else pendingCandles.current = shown;
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
    // Pushed ticks are drawn once a frame: at max speed many arrive between two frames, and the
    // page draws them together instead of falling behind one render per bar.
    let queued: ReplayTickDto[] = [];
    let frame: number | null = null;
    const flush = () => {
      frame = null;
      const ticks = queued;
      queued = [];
      if (live) applyTicks(ticks);
    };
    const offTick = client.on('replay:tick', (tick) => {
      if (tick.sessionId !== sessionId) return;
      queued.push(tick);
      frame ??= requestAnimationFrame(flush);
    });
    const offStopped = client.on('replay:stopped', (stop) => {
      if (stop.sessionId !== sessionId) return;
      setPlaying(false);
      if (stop.reason === 'error' && stop.message) setError(errorMessage(stop.message));
    });
    return () => {
      live = false;
      if (frame !== null) cancelAnimationFrame(frame);
      offTick();
      offStopped();
      void api['replay:pause']({ sessionId }).catch(() => {});
    };
  }, [sessionId, applyTicks, applySnapshot]);

  // The chart is rebuilt when the theme changes: a new chart gets the revealed bars again.
  const onChartReady = useCallback(
    (f: ChartFeed | null) => {
      const rebuilt = feed.current === null && f !== null && pendingCandles.current === null;
      feed.current = f;
      setStudyFeed(f);
      if (f && pendingCandles.current) {
        f.reset(pendingCandles.current.candles, pendingCandles.current.timeframe);
        pendingCandles.current = null;
      } else if (rebuilt) {
        api['replay:snapshot']({ sessionId, count: CHART_BARS }).then(
          (snapshot) => {
            setRevealed(snapshot.candles);
            feed.current?.reset(snapshot.candles, snapshot.session.timeframe);
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
  const togglePlay = () =>
    run(async () => setPlaying((await api['replay:toggle']({ sessionId, pauseOnFill })).playing));
  const setPauseOnFill = (on: boolean) =>
    run(async () => {
      setPauseOnFillState(on);
      localStorage.setItem(PAUSE_ON_FILL_KEY, on ? 'on' : 'off');
      // A running clock takes the choice at once.
      if (playing) setPlaying((await api['replay:play']({ sessionId, pauseOnFill: on })).playing);
    });
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
      await api['replay:jump']({ sessionId, to: toIsoUtc(jumpTo) });
      await reloadChart();
    });
  /** To the first bar of the next UTC day or session open, filling on the way as steps do. */
  const jumpNext = (target: 'next-day' | 'next-session') =>
    run(async () => {
      setPlaying((await api['replay:pause']({ sessionId })).playing);
      await api['replay:jump-next']({ sessionId, target });
      await reloadChart();
    });
  /**
   * Back `backBars` base bars: the back end rebuilds the session as it was at that bar. The chart
   * cannot drop bars, so it takes the window ending there again, one `setData` of CHART_BARS bars.
   */
  const stepBack = () =>
    run(async () => {
      setConfirmBack(false);
      setPlaying((await api['replay:pause']({ sessionId })).playing);
      await api['replay:step-back']({ sessionId, bars: backBars });
      await reloadChart();
    });
  /** A new session from the cursor, as things stand; the desk then shows it (this one is kept). */
  const branch = (open: (sessionId: string) => void) =>
    run(async () => {
      setPlaying((await api['replay:pause']({ sessionId })).playing);
      const child = await api['sessions:branch']({ sessionId });
      open(child.id);
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
  const placed = () => void run(refreshState);

  // The chart marks fills from the records the back end keeps, so leaving the desk loses none.
  const records = useMemo(() => [...positions, ...history], [positions, history]);

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

  return {
    session,
    account,
    instrument,
    positions,
    orders,
    records,
    ledger,
    history,
    playing,
    speed,
    error,
    setError,
    pickedPrice,
    setPickedPrice,
    jumpTo,
    setJumpTo,
    jumpNext,
    pauseOnFill,
    setPauseOnFill,
    studyFeed,
    revealed,
    setRevealed,
    moneyAt,
    onChartReady,
    step,
    togglePlay,
    changeSpeed,
    stepChartBar,
    backBars,
    setBackBars,
    confirmBack,
    setConfirmBack,
    stepBack,
    branch,
    changeTimeframe,
    jump,
    closePosition,
    breakEven,
    reverse,
    modifyPosition,
    modifyOrder,
    cancelOrder,
    moveLevel,
    closeAll,
    placed,
    /** Redraws everything from the back end (after an action that ended the session, e.g. ending a challenge). */
    reload: reloadChart,
  };
}

export type Desk = ReturnType<typeof useDesk>;
