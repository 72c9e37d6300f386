import { NumberField } from '../../shared/NumberField';
import { SpreadScheduleFields } from './SpreadScheduleFields';
import { useInstrumentEditor } from './use-instrument-editor';

/** Instruments: list, add, edit (digits, pip size, contract size, currencies). */
export function InstrumentsPage() {
  const { instruments, draft, set, error, saved, save, edit, cancelEditing } = useInstrumentEditor();

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
          <SpreadScheduleFields value={draft.spreadSchedule} onChange={(v) => set('spreadSchedule', v)} />
          <div className="actions span-all">
            <button type="submit" className="primary">
              {draft.id ? 'Save instrument' : 'Add instrument'}
            </button>
            {draft.id && (
              <button type="button" onClick={cancelEditing}>
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
              <th>Spread</th>
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
                <td>{i.spreadSchedule ? 'Schedule' : 'Fixed'}</td>
                <td>{i.enabled ? 'Yes' : 'No'}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Edit ${i.symbol}`} onClick={() => edit(i)}>
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
