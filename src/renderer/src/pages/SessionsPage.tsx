import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { DatasetDto, SessionDto } from '../../../shared/dto';
import { TIMEFRAMES, type Timeframe } from '../../../shared/timeframes';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { api } from '../contract-client';
import { errorMessage, formatMoney, formatSignedMoney, formatTs } from '../format';

interface Draft {
  symbol: string;
  name: string;
  timeframe: Timeframe;
  startAt: string;
  balance: number;
  leverage: number;
  spreadPts: number;
  commissionPerLot: number;
}

/** "2019-01-02 10:00" (UTC, as typed in a datetime-local box) to ISO 8601 UTC. */
function toIsoUtc(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}Z`;
}

export function SessionsPage({
  onOpen,
  onReport,
}: {
  onOpen: (sessionId: string) => void;
  /** Opens the session's reports. */
  onReport?: (sessionId: string) => void;
}) {
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [draft, setDraft] = useState<Draft>({
    symbol: '',
    name: '',
    timeframe: 'M1',
    startAt: '',
    balance: 10_000,
    leverage: 100,
    spreadPts: 10,
    commissionPerLot: 3.5,
  });
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<SessionDto | null>(null);

  const reload = useCallback(async () => {
    const [s, d] = await Promise.all([api['sessions:list']({}), api['datasets:list']({})]);
    setSessions(s);
    setDatasets(d);
    setDraft((current) => {
      if (current.symbol || d.length === 0) return current;
      const first = d[0]!;
      return {
        ...current,
        symbol: first.symbol,
        startAt: formatTs(first.startTs + 3600 * 12).replace(' ', 'T'),
      };
    });
  }, []);

  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const pickSymbol = (symbol: string) => {
    const dataset = datasets.find((d) => d.symbol === symbol);
    setDraft((d) => ({
      ...d,
      symbol,
      startAt: dataset ? formatTs(dataset.startTs + 3600 * 12).replace(' ', 'T') : d.startAt,
    }));
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const session = await api['sessions:create']({
        symbol: draft.symbol,
        ...(draft.name ? { name: draft.name } : {}),
        timeframe: draft.timeframe,
        startAt: toIsoUtc(draft.startAt),
        balance: draft.balance,
        leverage: draft.leverage,
        spreadPts: draft.spreadPts,
        commissionPerLot: draft.commissionPerLot,
      });
      onOpen(session.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  /** A new session with the same settings, from the same start. */
  const duplicate = (s: SessionDto) =>
    act(() =>
      api['sessions:create']({
        symbol: s.symbol,
        name: `${s.name} (copy)`.slice(0, 120),
        timeframe: s.timeframe,
        startAt: new Date(s.startTs * 1000).toISOString(),
        ...(s.endTs ? { endAt: new Date(s.endTs * 1000).toISOString() } : {}),
        balance: s.initialBalanceCents / 100,
        currency: s.currency,
        leverage: s.leverage,
        spreadPts: s.spreadPts,
        slippagePts: s.slippagePts,
        commissionPerLot: s.commissionPerLotCents / 100,
        stopOutPct: s.stopOutPct,
        speed: s.speed,
        ...(s.quoteRate ? { quoteRate: s.quoteRate } : {}),
        ...(s.risk
          ? {
              risk: {
                maxRiskPct: s.risk.maxRiskPct,
                maxDailyLoss: s.risk.maxDailyLossCents === null ? null : s.risk.maxDailyLossCents / 100,
                maxTradesPerDay: s.risk.maxTradesPerDay,
                defaultSlPips: s.risk.defaultSlPips,
                defaultTpPips: s.risk.defaultTpPips,
              },
            }
          : {}),
      }),
    );

  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const selected = datasets.find((d) => d.symbol === draft.symbol);

  return (
    <div className="page sessions-page">
      <section aria-labelledby="new-session-title" className="card">
        <h1 id="new-session-title">New replay session</h1>
        {datasets.length === 0 ? (
          <p className="hint">
            Import candle data first (Import data above); a session replays an imported dataset.
          </p>
        ) : (
          <form onSubmit={create} className="form-grid">
            <label>
              Instrument
              <select value={draft.symbol} onChange={(e) => pickSymbol(e.target.value)}>
                {symbols.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <label>
              Session name
              <input
                value={draft.name}
                placeholder="Optional"
                onChange={(e) => set('name', e.target.value)}
              />
            </label>
            <label>
              Chart timeframe
              <select value={draft.timeframe} onChange={(e) => set('timeframe', e.target.value as Timeframe)}>
                {TIMEFRAMES.map((tf) => (
                  <option key={tf}>{tf}</option>
                ))}
              </select>
            </label>
            <label>
              Start (UTC)
              <input
                type="datetime-local"
                required
                value={draft.startAt}
                onChange={(e) => set('startAt', e.target.value)}
              />
            </label>
            {selected && (
              <p className="hint span-2">
                Data: {formatTs(selected.startTs)} to {formatTs(selected.endTs)} UTC,{' '}
                {selected.rows.toLocaleString()} {selected.timeframe} bars.
              </p>
            )}
            <label>
              Initial balance (USD)
              <input
                type="number"
                min={1}
                step="any"
                value={draft.balance}
                onChange={(e) => set('balance', Number(e.target.value))}
              />
            </label>
            <label>
              Leverage
              <input
                type="number"
                min={1}
                step="any"
                value={draft.leverage}
                onChange={(e) => set('leverage', Number(e.target.value))}
              />
            </label>
            <label>
              Spread (points)
              <input
                type="number"
                min={0}
                step="any"
                value={draft.spreadPts}
                onChange={(e) => set('spreadPts', Number(e.target.value))}
              />
            </label>
            <label>
              Commission per lot per fill (USD)
              <input
                type="number"
                min={0}
                step="any"
                value={draft.commissionPerLot}
                onChange={(e) => set('commissionPerLot', Number(e.target.value))}
              />
            </label>
            <div className="actions span-2">
              <button type="submit" className="primary">
                Start session
              </button>
            </div>
          </form>
        )}
        {error && (
          <div role="alert" className="error">
            {error}
          </div>
        )}
      </section>
      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">Sessions</h2>
        <table aria-label="Sessions">
          <thead>
            <tr>
              <th>Name</th>
              <th>Instrument</th>
              <th>Cursor (UTC)</th>
              <th>Status</th>
              <th className="num">Balance</th>
              <th className="num">Net profit</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>
                  {s.symbol} {s.timeframe}
                </td>
                <td>{formatTs(s.cursorTs)}</td>
                <td>{s.status}</td>
                <td className="num">{formatMoney(s.balanceCents, s.currency)}</td>
                <td className={`num ${s.balanceCents >= s.initialBalanceCents ? 'up' : 'down'}`}>
                  {formatSignedMoney(s.balanceCents - s.initialBalanceCents)}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => onOpen(s.id)} aria-label={`Open session ${s.name}`}>
                    {s.status === 'DRAFT' ? 'Open' : 'Resume'}
                  </button>
                  {onReport && (
                    <button
                      type="button"
                      onClick={() => onReport(s.id)}
                      aria-label={`Report of session ${s.name}`}
                    >
                      Report
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => duplicate(s)}
                    aria-label={`Duplicate session ${s.name}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    disabled={s.status === 'ARCHIVED'}
                    onClick={() => act(() => api['sessions:archive']({ sessionId: s.id }))}
                    aria-label={`Archive session ${s.name}`}
                  >
                    Archive
                  </button>
                  <button type="button" onClick={() => setConfirm(s)} aria-label={`Delete session ${s.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {sessions.length === 0 && (
              <tr>
                <td colSpan={7} className="hint">
                  No sessions yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {confirm && (
        <ConfirmDialog
          title={`Delete session ${confirm.name}?`}
          message="Its orders, positions and ledger are removed for good. Archive it instead to keep its results."
          confirmLabel="Delete session"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const s = confirm;
            setConfirm(null);
            void act(() => api['sessions:delete']({ sessionId: s.id }));
          }}
        />
      )}
    </div>
  );
}
