import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { DatasetDto, SessionDto } from '../../../../shared/dto';
import { SPEEDS, type Speed, TIMEFRAMES, type Timeframe } from '../../../../shared/timeframes';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { api } from '../../shared/contract-client';
import { errorMessage, formatDay, formatMoney, formatSignedMoney, formatTs } from '../../shared/format';
import { NumberField } from '../../shared/NumberField';
import { useInstruments } from '../market/use-instruments';
import {
  createInputFromDraft,
  createInputFromSession,
  DEFAULT_DRAFT,
  needsQuoteRate,
  type SessionDraft,
} from './session-settings';

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
  const [draft, setDraft] = useState<SessionDraft>(DEFAULT_DRAFT);
  const instruments = useInstruments();
  const instrument = instruments.find((i) => i.symbol === draft.symbol);
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

  const set = <K extends keyof SessionDraft>(key: K, value: SessionDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

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
      const session = await api['sessions:create'](createInputFromDraft(draft, instrument));
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
  const duplicate = (s: SessionDto) => act(() => api['sessions:create'](createInputFromSession(s)));

  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const selected = datasets.find((d) => d.symbol === draft.symbol);
  const numberField = (
    key: { [K in keyof SessionDraft]: SessionDraft[K] extends number | null ? K : never }[keyof SessionDraft],
    label: string,
    extra: Omit<Parameters<typeof NumberField>[0], 'label' | 'value' | 'onChange'> = {},
  ) => <NumberField label={label} value={draft[key]} onChange={(v) => set(key, v)} {...extra} />;

  return (
    <div className="page sessions-page">
      <section aria-labelledby="sessions-title" className="card">
        <h1 id="sessions-title">Sessions</h1>
        <table aria-label="Sessions">
          <thead>
            <tr>
              <th>Name</th>
              <th>Instrument</th>
              <th>Period (UTC)</th>
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
                <td>
                  {formatDay(s.startTs)} → {s.endTs ? formatDay(s.endTs) : 'end of data'}
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
                <td colSpan={8} className="hint">
                  No sessions yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="new-session-title" className="card">
        <h2 id="new-session-title">New replay session</h2>
        {datasets.length === 0 ? (
          <p className="hint">
            Import candle data first (Import data above); a session replays an imported dataset.
          </p>
        ) : (
          <form onSubmit={create} className="form-grid four-columns session-form">
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
              Replay speed
              <select value={draft.speed} onChange={(e) => set('speed', e.target.value as Speed)}>
                {SPEEDS.map((s) => (
                  <option key={s}>{s}</option>
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
            <label>
              End (UTC)
              <input
                type="datetime-local"
                value={draft.endAt}
                onChange={(e) => set('endAt', e.target.value)}
              />
            </label>
            {selected && (
              <p className="hint span-2 data-range">
                Data: {formatTs(selected.startTs)} to {formatTs(selected.endTs)} UTC,{' '}
                {selected.rows.toLocaleString()} {selected.timeframe} bars.
              </p>
            )}
            <fieldset className="form-section span-2">
              <legend>Account</legend>
              {numberField('balance', `Initial balance (${draft.currency || 'USD'})`, {
                min: 1,
                required: true,
              })}
              <label>
                Account currency
                <input
                  value={draft.currency}
                  maxLength={3}
                  required
                  onChange={(e) => set('currency', e.target.value.toUpperCase())}
                />
              </label>
              {numberField('leverage', 'Leverage (1:N)', { min: 1, required: true })}
              {numberField('stopOutPct', 'Stop-out level (%)', { min: 0, max: 1000, required: true })}
            </fieldset>
            <fieldset className="form-section span-2">
              <legend>Costs</legend>
              {numberField('spreadPts', 'Spread (points)', { min: 0, required: true })}
              {numberField('slippagePts', 'Slippage (points)', { min: 0, required: true })}
              {numberField('commissionPerLot', `Commission per lot per fill (${draft.currency || 'USD'})`, {
                min: 0,
                required: true,
              })}
              {needsQuoteRate(instrument, draft.currency) &&
                numberField('quoteRate', `${instrument?.quoteCurrency} to ${draft.currency} rate`, {
                  min: 0,
                  required: true,
                })}
            </fieldset>
            <details className="form-section span-all">
              <summary>Risk rules (optional; an empty box is no rule)</summary>
              <div className="form-grid">
                {numberField('maxRiskPct', 'Max risk per trade (%)', {
                  min: 0.01,
                  max: 100,
                  placeholder: 'None',
                })}
                {numberField('maxDailyLoss', `Max daily loss (${draft.currency || 'USD'})`, {
                  min: 0.01,
                  placeholder: 'None',
                })}
                {numberField('maxTradesPerDay', 'Max trades per day', {
                  min: 1,
                  step: 1,
                  placeholder: 'None',
                })}
                {numberField('defaultSlPips', 'Default stop loss (pips)', { min: 0.1, placeholder: 'None' })}
                {numberField('defaultTpPips', 'Default take profit (pips)', {
                  min: 0.1,
                  placeholder: 'None',
                })}
              </div>
            </details>
            <div className="actions span-all">
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
