import type { FormEvent } from 'react';
import type { DatasetDto, InstrumentDto } from '../../../../shared/dto';
import {
  SPEEDS,
  type Speed,
  TIMEFRAME_SECONDS,
  TIMEFRAMES,
  type Timeframe,
} from '../../../../shared/timeframes';
import { formatTs } from '../../shared/format';
import { NumberField } from '../../shared/NumberField';
import { needsQuoteRate, replayableData, type SessionDraft } from './session-settings';
import type { SessionSetter } from './use-sessions';

/** The new replay session's settings: instrument and period, account, costs, optional risk rules. */
export function NewSessionForm({
  datasets,
  base,
  draft,
  instrument,
  set,
  pickSymbol,
  onSubmit,
}: {
  datasets: DatasetDto[];
  /** The data a session starting at the draft's start replays. */
  base: DatasetDto | undefined;
  draft: SessionDraft;
  instrument: InstrumentDto | undefined;
  set: SessionSetter;
  pickSymbol: (symbol: string) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  const symbols = [...new Set(datasets.map((d) => d.symbol))];
  const replayable = replayableData(datasets, draft.symbol).sort((a, b) => a.startTs - b.startTs);
  const numberField = (
    key: { [K in keyof SessionDraft]: SessionDraft[K] extends number | null ? K : never }[keyof SessionDraft],
    label: string,
    extra: Omit<Parameters<typeof NumberField>[0], 'label' | 'value' | 'onChange'> = {},
  ) => <NumberField label={label} value={draft[key]} onChange={(v) => set(key, v)} {...extra} />;

  return (
    <form onSubmit={onSubmit} className="form-grid four-columns session-form">
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
        <input value={draft.name} placeholder="Optional" onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        Chart timeframe
        <select value={draft.timeframe} onChange={(e) => set('timeframe', e.target.value as Timeframe)}>
          {TIMEFRAMES.map((tf) => (
            <option
              key={tf}
              disabled={
                base !== undefined && TIMEFRAME_SECONDS[tf] < TIMEFRAME_SECONDS[base.timeframe as Timeframe]
              }
            >
              {tf}
            </option>
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
        <input type="datetime-local" value={draft.endAt} onChange={(e) => set('endAt', e.target.value)} />
      </label>
      {replayable.length > 0 && (
        <p className="hint span-2 data-range">
          Data (UTC):{' '}
          {replayable
            .map(
              (d) =>
                `${d.timeframe} ${formatTs(d.startTs)} to ${formatTs(d.endTs)} (${d.rows.toLocaleString()} bars)`,
            )
            .join('; ')}
          .{' '}
          {base
            ? `From this start the replay runs on ${base.timeframe} bars.`
            : 'This start is outside the data.'}
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
  );
}
