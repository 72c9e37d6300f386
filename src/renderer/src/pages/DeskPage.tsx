import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AccountDto,
  CandleDto,
  FillDto,
  OrderDto,
  PositionDto,
  ReplayTickDto,
  SessionDto,
  TransactionDto,
} from '../../../shared/dto';
import { SPEEDS, type Speed } from '../../../shared/timeframes';
import { ChartStudies, upsertCandle } from '../chart/ChartStudies';
import { AccountBar } from '../components/AccountBar';
import { CandleChart, type ChartFeed } from '../components/CandleChart';
import { LedgerTable } from '../components/LedgerTable';
import { OrderTicket, type TicketHandle } from '../components/OrderTicket';
import { PositionsTable } from '../components/PositionsTable';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { api, client } from '../contract-client';
import { errorMessage, formatTs } from '../format';
import { useInstruments } from '../hooks/use-instruments';
import type { ChartTheme } from '../theme';

const CHART_BARS = 600;

/** The replay desk: chart of revealed bars, replay controls, ticket, positions, ledger. */
export function DeskPage({ sessionId, theme }: { sessionId: string; theme: ChartTheme }) {
  const [session, setSession] = useState<SessionDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [positions, setPositions] = useState<PositionDto[]>([]);
  const [orders, setOrders] = useState<OrderDto[]>([]);
  const [fills, setFills] = useState<FillDto[]>([]);
  const [ledger, setLedger] = useState<TransactionDto[]>([]);
  const [history, setHistory] = useState<PositionDto[]>([]);
  const [cursorTs, setCursorTs] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('1x');
  const [error, setError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [pickedPrice, setPickedPrice] = useState<number | null>(null);
  const instruments = useInstruments();
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
      setCursorTs(tick.cursorTs);
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

  useEffect(() => {
    let live = true;
    api['replay:snapshot']({ sessionId, count: CHART_BARS })
      .then((snapshot) => {
        if (!live) return;
        setSession(snapshot.session);
        setSpeed(snapshot.session.speed);
        setAccount(snapshot.account);
        setPositions(snapshot.positions);
        setOrders(snapshot.orders);
        setCursorTs(snapshot.session.cursorTs);
        setRevealed(snapshot.candles);
        if (feed.current) feed.current.reset(snapshot.candles);
        else pendingCandles.current = snapshot.candles;
        return refreshLedger();
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
  }, [sessionId, applyTick, refreshLedger]);

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
  const togglePlay = () =>
    run(async () => {
      if (playing) {
        await api['replay:pause']({ sessionId });
        setPlaying(false);
      } else {
        await api['replay:play']({ sessionId, speed });
        setPlaying(true);
      }
    });
  const changeSpeed = (next: Speed) =>
    run(async () => {
      setSpeed(next);
      if (playing) await api['replay:play']({ sessionId, speed: next });
    });
  const closePosition = (positionId: string) =>
    run(async () => {
      await api['positions:close']({ sessionId, positionId });
      await refreshState();
    });
  const closeAll = () =>
    run(async () => {
      await api['positions:close-all']({ sessionId });
      await refreshState();
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const index = SPEEDS.indexOf(speed);
      if (event.key === ' ') {
        event.preventDefault();
        void togglePlay();
      } else if (event.key === 'ArrowRight') void step();
      else if (event.key === '+' || event.key === '=')
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

  const completed = session.status === 'COMPLETED' || session.status === 'ARCHIVED';
  const span = Math.max(1, (session.endTs ?? session.dataEndTs) - session.startTs);
  const progress = Math.min(
    100,
    Math.max(0, (((cursorTs ?? session.startTs) - session.startTs) / span) * 100),
  );
  return (
    <div className="desk">
      <AccountBar account={account} digits={session.digits} />
      <div className="desk-main">
        <section className="chart-panel" aria-label="Chart">
          <div className="replay-bar" role="toolbar" aria-label="Replay controls">
            <strong>
              {session.symbol} · {session.timeframe}
            </strong>
            <button type="button" onClick={togglePlay} disabled={completed} aria-pressed={playing}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button type="button" onClick={step} disabled={completed || playing}>
              Step
            </button>
            <label className="inline">
              Speed
              <select value={speed} onChange={(e) => changeSpeed(e.target.value as Speed)}>
                {SPEEDS.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <progress className="session-progress" aria-label="Session progress" max={100} value={progress} />
            <output aria-label="Replay time" className="cursor">
              {formatTs(cursorTs)} UTC
            </output>
            <span className="status">{session.status}</span>
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
          <CandleChart
            digits={session.digits}
            timeframe={session.timeframe}
            theme={theme}
            positions={positions}
            fills={fills}
            onReady={onChartReady}
            onContextPrice={setPickedPrice}
          />
        </section>
        <aside className="side-panel">
          <OrderTicket
            sessionId={sessionId}
            instrument={instrument}
            account={account}
            disabled={completed}
            pickedPrice={pickedPrice}
            onPlaced={() => void run(refreshState)}
            handle={ticket}
          />
          {error && (
            <div role="alert" className="error">
              {error}
            </div>
          )}
        </aside>
      </div>
      <section className="desk-tables" aria-label="Positions and ledger">
        <div>
          <PositionsTable
            positions={positions}
            history={history}
            orders={orders}
            digits={session.digits}
            onClose={closePosition}
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
