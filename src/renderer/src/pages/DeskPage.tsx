import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AccountDto,
  FillDto,
  OrderDto,
  PositionDto,
  ReplayTickDto,
  SessionDto,
  TransactionDto,
} from '../../../shared/dto';
import { SPEEDS, type Speed } from '../../../shared/timeframes';
import { AccountBar } from '../components/AccountBar';
import { CandleChart, type ChartFeed } from '../components/CandleChart';
import { LedgerTable } from '../components/LedgerTable';
import { OrderTicket } from '../components/OrderTicket';
import { PositionsTable } from '../components/PositionsTable';
import { api, client } from '../contract-client';
import { errorMessage, formatTs } from '../format';

/** The replay desk: chart of revealed bars, replay controls, ticket, positions, ledger. */
export function DeskPage({ sessionId }: { sessionId: string }) {
  const [session, setSession] = useState<SessionDto | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [positions, setPositions] = useState<PositionDto[]>([]);
  const [, setOrders] = useState<OrderDto[]>([]);
  const [fills, setFills] = useState<FillDto[]>([]);
  const [ledger, setLedger] = useState<TransactionDto[]>([]);
  const [cursorTs, setCursorTs] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('1x');
  const [error, setError] = useState<string | null>(null);
  const feed = useRef<ChartFeed | null>(null);
  const pendingCandles = useRef<Parameters<ChartFeed['reset']>[0] | null>(null);

  const refreshLedger = useCallback(async () => {
    setLedger(await api['ledger:list']({ sessionId }));
  }, [sessionId]);

  const applyTick = useCallback(
    (tick: ReplayTickDto) => {
      feed.current?.update(tick.bar);
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

  useEffect(() => {
    let live = true;
    api['replay:snapshot']({ sessionId, count: 500 })
      .then((snapshot) => {
        if (!live) return;
        setSession(snapshot.session);
        setSpeed(snapshot.session.speed);
        setAccount(snapshot.account);
        setPositions(snapshot.positions);
        setOrders(snapshot.orders);
        setCursorTs(snapshot.session.cursorTs);
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

  const onChartReady = useCallback((f: ChartFeed) => {
    feed.current = f;
    if (pendingCandles.current) {
      f.reset(pendingCandles.current);
      pendingCandles.current = null;
    }
  }, []);

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
      const snapshot = await api['replay:snapshot']({ sessionId, count: 1 });
      setAccount(snapshot.account);
      setPositions(snapshot.positions);
      await refreshLedger();
    });

  // Orders placed from the ticket change positions and the ledger; re-read them after each send.
  const afterOrder = () =>
    run(async () => {
      const snapshot = await api['replay:snapshot']({ sessionId, count: 1 });
      setAccount(snapshot.account);
      setPositions(snapshot.positions);
      setOrders(snapshot.orders);
      await refreshLedger();
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      if (event.key === ' ') {
        event.preventDefault();
        void togglePlay();
      } else if (event.key === 'ArrowRight') {
        void step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!session || !account) {
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
            <output aria-label="Replay time" className="cursor">
              {formatTs(cursorTs)} UTC
            </output>
            <span className="status">{session.status}</span>
          </div>
          <CandleChart digits={session.digits} positions={positions} fills={fills} onReady={onChartReady} />
        </section>
        <aside className="side-panel">
          <OrderTicket sessionId={sessionId} disabled={completed} onPlaced={afterOrder} />
          {error && (
            <div role="alert" className="error">
              {error}
            </div>
          )}
        </aside>
      </div>
      <section className="desk-tables" aria-label="Positions and ledger">
        <div>
          <PositionsTable positions={positions} digits={session.digits} onClose={closePosition} />
        </div>
        <div>
          <LedgerTable transactions={ledger} currency={session.currency} />
        </div>
      </section>
    </div>
  );
}
