import { FORMAT_IDS } from '../../../../core/import/format';
import { TIMEFRAMES } from '../../../../shared/timeframes';
import { formatTs } from '../../shared/format';
import { GapsTable } from '../market/GapsTable';
import { ImportPreview } from './ImportPreview';
import { formatSize, pickedFromBrowser } from './import-file';
import { FORMAT_LABELS } from './import-options';
import { useImport } from './use-import';

/** Import wizard: pick or drop a file, check the preview (every guess editable), import with progress. */
export function ImportPage({ droppedFile }: { droppedFile?: File | null }) {
  const wizard = useImport(droppedFile);
  const {
    instruments,
    file,
    symbol,
    setSymbol,
    format,
    setFormat,
    timezone,
    setTimezone,
    timeframe,
    setTimeframe,
    skipInvalid,
    setSkipInvalid,
    jobId,
    progress,
    result,
    error,
    notice,
    reading,
    errorLines,
    preview,
    previewError,
    detail,
    chooseFile,
    start,
    cancel,
  } = wizard;

  return (
    <section className="page import-page" aria-labelledby="import-title">
      <h1 id="import-title">Import candles</h1>
      <p className="hint">
        MetaTrader 4/5, HistData, Dukascopy, TradingView, Yahoo, Stooq, NinjaTrader, Binance and any headered
        CSV. Prices are bid; times are stored in UTC.
      </p>
      <div className="import-grid">
        <section className="card import-settings" aria-label="Import settings">
          <div className="file-pick">
            {wizard.canChooseNatively ? (
              <button type="button" onClick={() => void wizard.pickNatively()}>
                Choose file…
              </button>
            ) : (
              <label className="file-button">
                Choose file…
                <input
                  type="file"
                  aria-label="Candle file"
                  accept=".csv,.txt,.tsv"
                  onChange={(e) => {
                    const chosen = e.target.files?.[0];
                    chooseFile(chosen ? pickedFromBrowser(chosen) : null);
                  }}
                />
              </label>
            )}
            <output aria-label="Chosen file" className="file-name">
              {file ? (
                <>
                  <strong>{file.name}</strong> {formatSize(file.sizeBytes)}
                </>
              ) : (
                'or drop a file anywhere on the window'
              )}
            </output>
          </div>
          <div className="form-grid">
            <label>
              Instrument
              <select value={symbol} onChange={(e) => setSymbol(e.target.value)}>
                {instruments.map((i) => (
                  <option key={i.id} value={i.symbol}>
                    {i.symbol} — {i.displayName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Format
              <select value={format} onChange={(e) => setFormat(e.target.value)}>
                <option value="auto">Detect automatically</option>
                {FORMAT_IDS.map((id) => (
                  <option key={id} value={id}>
                    {FORMAT_LABELS[id]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Time zone of the file
              <input
                value={timezone}
                placeholder="Format default (e.g. UTC)"
                onChange={(e) => setTimezone(e.target.value)}
              />
            </label>
            <label>
              Timeframe
              <select value={timeframe} onChange={(e) => setTimeframe(e.target.value)}>
                <option value="">Infer from timestamps</option>
                {TIMEFRAMES.map((tf) => (
                  <option key={tf} value={tf}>
                    {tf}
                  </option>
                ))}
              </select>
            </label>
            <label className="checkbox span-2">
              <input
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.target.checked)}
              />
              Skip invalid lines (and list them)
            </label>
          </div>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!file || jobId !== null || reading}
              onClick={start}
            >
              Import
            </button>
            {jobId && (
              <button type="button" onClick={cancel}>
                Cancel import
              </button>
            )}
          </div>
          {(jobId || reading) && (
            <div className="progress-block">
              <progress
                aria-label="Import progress"
                max={100}
                value={progress?.percent ?? wizard.sentPercent ?? 0}
              />
              <output aria-label="Import rate">
                {progress
                  ? `${progress.rows.toLocaleString()} rows · ${progress.percent.toFixed(0)} % · ${Math.round(progress.rowsPerSecond).toLocaleString()} rows/s`
                  : wizard.sentPercent !== null
                    ? `Sending the file to the import… ${wizard.sentPercent} %`
                    : reading
                      ? 'Reading the file…'
                      : 'Starting…'}
              </output>
            </div>
          )}
          {notice && (
            <p role="status" className="hint">
              {notice}
            </p>
          )}
          {error && (
            <div role="alert" className="error">
              {error}
              {errorLines.length > 0 && (
                <ul aria-label="Invalid lines">
                  {errorLines.slice(0, 50).map((i) => (
                    <li key={i.line}>
                      Line {i.line}: {i.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {result && (
            <output className="result" aria-label="Import result">
              Imported <strong>{result.rows.toLocaleString()}</strong> {result.timeframe} candles of{' '}
              {result.symbol} ({result.format}, {result.timezone}) from {formatTs(result.startTs)} to{' '}
              {formatTs(result.endTs)} UTC.
              {result.skipped > 0 && ` Skipped ${result.skipped} invalid lines.`}
              {result.duplicates > 0 && ` Dropped ${result.duplicates} duplicate rows.`}
              {result.instrumentCreated &&
                ` ${result.instrumentCreated.symbol} was new: added to Instruments with ${result.instrumentCreated.digits} digits (edit it there if its pip or lot differ).`}
              {detail &&
                ` ${detail.gapCount === 0 ? 'No gaps' : `${detail.gapCount} gaps`} beyond the market's usual closures.`}
            </output>
          )}
          {result && result.skippedLines.length > 0 && (
            <ul className="issues" aria-label="Skipped lines">
              {result.skippedLines.slice(0, 100).map((i) => (
                <li key={i.line}>
                  Line {i.line}: {i.reason}
                </li>
              ))}
            </ul>
          )}
          {detail && <GapsTable gaps={detail.gaps} limit={20} />}
        </section>
        <div className="import-side">
          {previewError && (
            <div role="alert" className="error">
              Preview: {previewError}
            </div>
          )}
          {preview ? (
            <ImportPreview preview={preview} wizard={wizard} />
          ) : (
            !previewError && (
              <div className="card empty-preview">
                <p className="hint">
                  Choose or drop a candle file: its detected format, time zone, timeframe, column mapping and
                  first rows show here, each editable before importing.
                </p>
              </div>
            )
          )}
        </div>
      </div>
    </section>
  );
}
