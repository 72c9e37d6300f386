import type { ImportPreviewDto } from '../../../../shared/contract/market';
import { formatTs } from '../../shared/format';
import { COLUMN_NAMES, DELIMITERS, type Delimiter } from './import-options';
import type { ImportWizard } from './use-import';

/** What the import will read from the file, each detected guess editable before importing. */
export function ImportPreview({ preview, wizard }: { preview: ImportPreviewDto; wizard: ImportWizard }) {
  const {
    delimiter,
    setDelimiter,
    dayFirst,
    setDayFirst,
    decimalComma,
    setDecimalComma,
    columns,
    setColumn,
    price,
  } = wizard;
  return (
    <section className="card preview" aria-label="Import preview">
      <h2>Preview of {preview.fileName}</h2>
      <dl className="detected">
        <dt>Detected format</dt>
        <dd>{preview.format}</dd>
        <dt>Data</dt>
        <dd>{preview.kind === 'ticks' ? 'Ticks (built into M1 bars)' : 'Bars'}</dd>
        <dt>Time zone</dt>
        <dd>
          {preview.timezone}
          {preview.timezoneAssumed && (
            <span role="note" className="warning" title='Set "Time zone of the file" if it is another'>
              {' '}
              (assumed: the file states no time zone)
            </span>
          )}
        </dd>
        {preview.ignoredColumns.length > 0 && (
          <>
            <dt>Columns not read</dt>
            <dd>{preview.ignoredColumns.join(', ')}</dd>
          </>
        )}
        <dt>Timeframe</dt>
        <dd>{preview.timeframe}</dd>
      </dl>
      <div className="form-grid">
        <label>
          Delimiter
          <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as Delimiter | '')}>
            <option value="">
              Detected ({DELIMITERS.find((d) => d.value === preview.delimiter)?.label ?? preview.delimiter})
            </option>
            {DELIMITERS.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Dates
          <select value={dayFirst} onChange={(e) => setDayFirst(e.target.value as '' | 'yes' | 'no')}>
            <option value="">Detected ({preview.dayFirst ? 'day first' : 'month or year first'})</option>
            <option value="yes">Day first</option>
            <option value="no">Month or year first</option>
          </select>
        </label>
        <label>
          Decimal mark
          <select value={decimalComma} onChange={(e) => setDecimalComma(e.target.value as '' | 'yes' | 'no')}>
            <option value="">Detected ({preview.decimalComma ? 'comma' : 'point'})</option>
            <option value="yes">Comma</option>
            <option value="no">Point</option>
          </select>
        </label>
      </div>
      <fieldset className="columns">
        <legend>Column mapping (column numbers, 1 = first)</legend>
        {COLUMN_NAMES.map((name) => {
          const detected = preview.columns[name];
          const value = columns[name] ?? detected;
          return (
            <label key={name}>
              {`${name[0]!.toUpperCase()}${name.slice(1)} column`}
              <input
                type="number"
                min={1}
                max={50}
                placeholder="—"
                value={value === undefined ? '' : value + 1}
                onChange={(e) => setColumn(name, e.target.value)}
              />
            </label>
          );
        })}
      </fieldset>
      <table aria-label="First rows as stored">
        <caption>First rows as they will be stored (UTC, bid)</caption>
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th className="num">Open</th>
            <th className="num">High</th>
            <th className="num">Low</th>
            <th className="num">Close</th>
            <th className="num">Volume</th>
          </tr>
        </thead>
        <tbody>
          {preview.candles.slice(0, 8).map((c) => (
            <tr key={c.ts}>
              <td>{formatTs(c.ts)}</td>
              <td className="num">{price(c.open)}</td>
              <td className="num">{price(c.high)}</td>
              <td className="num">{price(c.low)}</td>
              <td className="num">{price(c.close)}</td>
              <td className="num">{c.volume}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.issues.length > 0 && (
        <ul className="issues" aria-label="Invalid lines in the preview">
          {preview.issues.slice(0, 20).map((i) => (
            <li key={i.line}>
              Line {i.line}: {i.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
