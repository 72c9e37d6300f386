import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { InstrumentDto, InstrumentSpec } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { NumberField } from '../../shared/NumberField';

interface Draft extends InstrumentSpec {
  id?: string;
  enabled: boolean;
}

const EMPTY: Draft = {
  symbol: '',
  displayName: '',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: '',
  quoteCurrency: 'USD',
  enabled: true,
};

/** Instruments: list, add, edit (digits, pip size, contract size, currencies). */
export function InstrumentsPage() {
  const [instruments, setInstruments] = useState<InstrumentDto[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const reload = useCallback(async () => setInstruments(await api['instruments:list']({})), []);
  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const instrument = await api['instruments:save'](draft);
      setSaved(`${instrument.symbol} saved.`);
      setDraft(EMPTY);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const numberField = (label: string, key: 'digits' | 'pipSize' | 'contractSize', step: number | 'any') => (
    <NumberField
      label={label}
      required
      min={0}
      step={step}
      value={draft[key]}
      onChange={(v) => set(key, v ?? 0)}
    />
  );

  return (
    <div className="page instruments-page">
      <section className="card" aria-labelledby="instrument-form-title">
        <h1 id="instrument-form-title">{draft.id ? `Edit ${draft.symbol}` : 'Add an instrument'}</h1>
        <form className="form-grid four-columns" onSubmit={save}>
          <label>
            Symbol
            <input required value={draft.symbol} onChange={(e) => set('symbol', e.target.value)} />
          </label>
          <label>
            Display name
            <input required value={draft.displayName} onChange={(e) => set('displayName', e.target.value)} />
          </label>
          {numberField('Digits', 'digits', 1)}
          {numberField('Pip size', 'pipSize', 'any')}
          {numberField('Contract size', 'contractSize', 'any')}
          <label>
            Base currency
            <input
              required
              value={draft.baseCurrency}
              onChange={(e) => set('baseCurrency', e.target.value)}
            />
          </label>
          <label>
            Quote currency
            <input
              required
              minLength={3}
              maxLength={3}
              value={draft.quoteCurrency}
              onChange={(e) => set('quoteCurrency', e.target.value)}
            />
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />
            Enabled
          </label>
          <div className="actions span-all">
            <button type="submit" className="primary">
              {draft.id ? 'Save instrument' : 'Add instrument'}
            </button>
            {draft.id && (
              <button type="button" onClick={() => setDraft(EMPTY)}>
                Cancel editing
              </button>
            )}
          </div>
        </form>
        {saved && (
          <p role="status" className="hint">
            {saved}
          </p>
        )}
        {error && (
          <div role="alert" className="error">
            {error}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="instruments-title">
        <h2 id="instruments-title">Instruments</h2>
        <table aria-label="Instruments">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Name</th>
              <th className="num">Digits</th>
              <th className="num">Pip size</th>
              <th className="num">Contract size</th>
              <th>Base</th>
              <th>Quote</th>
              <th>Enabled</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {instruments.map((i) => (
              <tr key={i.id}>
                <td>{i.symbol}</td>
                <td>{i.displayName}</td>
                <td className="num">{i.digits}</td>
                <td className="num">{i.pipSize}</td>
                <td className="num">{i.contractSize.toLocaleString()}</td>
                <td>{i.baseCurrency}</td>
                <td>{i.quoteCurrency}</td>
                <td>{i.enabled ? 'Yes' : 'No'}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Edit ${i.symbol}`} onClick={() => setDraft({ ...i })}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
