import { useEffect, useRef, useState } from 'react';
import type { DatasetDetailDto, ImportPreviewDto } from '../../../../shared/contract/market';
import type { ImportResultDto, JobProgressDto } from '../../../../shared/dto';
import { ErrorCode } from '../../../../shared/errors';
import { TIMEFRAMES } from '../../../../shared/timeframes';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import { GapsTable } from '../market/GapsTable';
import { useInstruments } from '../market/use-instruments';
import {
  formatSize,
  type PickedFile,
  pickedFromBrowser,
  pickedFromDisk,
  symbolFromFileName,
} from './import-file';

/** The desktop's native open dialog; absent in browser mode, where a file box stands in. */
const chooseNatively = window.tickstep?.chooseCandleFile;

const COLUMN_NAMES = ['date', 'time', 'open', 'high', 'low', 'close', 'volume', 'bid', 'ask'] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];
type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Vertical bar' },
];
/** The preview reads the start of the file only. */
const PREVIEW_BYTES = 64 * 1024;

interface Issue {
  line: number;
  reason: string;
}
const issuesOf = (details: unknown): Issue[] => {
  const list = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(list) ? (list as Issue[]).filter((i) => typeof i?.line === 'number') : [];
};

/** Import wizard: pick or drop a file, check the preview (every guess editable), import with progress. */
export function ImportPage({ droppedFile }: { droppedFile?: File | null }) {
  const instruments = useInstruments();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [symbol, setSymbol] = useState('EURUSD');
  const [format, setFormat] = useState('auto');
  const [timezone, setTimezone] = useState('');
  const [timeframe, setTimeframe] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgressDto | null>(null);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [errorLines, setErrorLines] = useState<Issue[]>([]);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [delimiter, setDelimiter] = useState<Delimiter | ''>('');
  const [dayFirst, setDayFirst] = useState<'' | 'yes' | 'no'>('');
  const [decimalComma, setDecimalComma] = useState<'' | 'yes' | 'no'>('');
  const [columns, setColumns] = useState<Partial<Record<ColumnName, number>>>({});
  const [detail, setDetail] = useState<DatasetDetailDto | null>(null);
  const jobRef = useRef<string | null>(null);

  /** Options as the trader left them: only what was changed from the detected values. */
  const layout = {
    ...(delimiter ? { delimiter } : {}),
    ...(dayFirst ? { dayFirst: dayFirst === 'yes' } : {}),
    ...(decimalComma ? { decimalComma: decimalComma === 'yes' } : {}),
    ...(Object.keys(columns).length ? { columns } : {}),
  };
  const options = {
    ...(format !== 'auto' ? { format } : {}),
    ...(timezone ? { tz: timezone } : {}),
    ...(timeframe ? { timeframe: timeframe as (typeof TIMEFRAMES)[number] } : {}),
    ...(Object.keys(layout).length ? { layout } : {}),
  };
  const optionsKey = JSON.stringify(options);

  // The preview follows the file and every edit (debounced).
  useEffect(() => {
    if (!file) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const next = await api['import:preview']({
          source: await file.source(PREVIEW_BYTES),
          options: { ...JSON.parse(optionsKey), skipInvalid: true },
        });
        if (!live) return;
        setPreview(next);
        setPreviewError(null);
      } catch (e) {
        if (!live) return;
        setPreview(null);
        setPreviewError(errorMessage(e));
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [file, optionsKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new drop picks the file
  useEffect(() => {
    if (droppedFile) chooseFile(pickedFromBrowser(droppedFile));
  }, [droppedFile]);

  useEffect(() => {
    const offProgress = client.on('job:progress', (p) => {
      if (p.jobId === jobRef.current) setProgress(p);
    });
    const offDone = client.on('job:done', (done) => {
      if (done.jobId !== jobRef.current) return;
      jobRef.current = null;
      setJobId(null);
      if (done.ok && done.kind === 'import') {
        setResult(done.result);
        api['datasets:get']({ datasetId: done.result.datasetId }).then(setDetail, () => setDetail(null));
      } else if (!done.ok && done.error.code === ErrorCode.IMPORT_CANCELLED) {
        // One transaction: a cancelled import leaves the store as it was.
        setNotice('Import cancelled; nothing was stored.');
      } else if (!done.ok) {
        setError(done.error.message);
        setErrorLines(issuesOf(done.error.details));
      }
    });
    return () => {
      offProgress();
      offDone();
    };
  }, []);

  const chooseFile = (chosen: PickedFile | null) => {
    setFile(chosen);
    setResult(null);
    setDetail(null);
    setError(null);
    setNotice(null);
    setErrorLines([]);
    setPreview(null);
    setPreviewError(null);
    setDelimiter('');
    setDayFirst('');
    setDecimalComma('');
    setColumns({});
    const guess =
      chosen &&
      symbolFromFileName(
        chosen.name,
        instruments.map((i) => i.symbol),
      );
    if (guess) setSymbol(guess);
  };

  const start = async () => {
    if (!file) return;
    setError(null);
    setNotice(null);
    setErrorLines([]);
    setResult(null);
    setDetail(null);
    setProgress(null);
    setReading(true);
    try {
      const { jobId: id } = await api['import:start']({
        source: await file.source(),
        options: { symbol, ...options, skipInvalid },
      });
      jobRef.current = id;
      setJobId(id);
    } catch (e) {
      setError(errorMessage(e));
      setErrorLines(issuesOf((e as { details?: unknown }).details));
    } finally {
      setReading(false);
    }
  };

  const setColumn = (name: ColumnName, text: string) =>
    setColumns((c) => {
      const next = { ...c };
      if (text.trim() === '') delete next[name];
      else next[name] = Math.max(0, Math.round(Number(text)) - 1);
      return next;
    });

  const cancel = async () => {
    if (jobId) await api['import:cancel']({ jobId }).catch((e) => setError(errorMessage(e)));
  };

  // Prices in the instrument's digits, as the chart will show them (1.09750, not 1.0975).
  const digits = instruments.find((i) => i.symbol === symbol)?.digits;
  const price = (value: number) => (digits === undefined ? String(value) : value.toFixed(digits));

  const pickNatively = async () => {
    const chosen = await chooseNatively?.();
    if (chosen) chooseFile(pickedFromDisk(chosen));
  };

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
            {chooseNatively ? (
              <button type="button" onClick={() => void pickNatively()}>
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
                <option value="mt4">MetaTrader 4</option>
                <option value="mt5">MetaTrader 5</option>
                <option value="histdata">HistData</option>
                <option value="dukascopy">Dukascopy</option>
                <option value="tradingview">TradingView</option>
                <option value="generic">Headered CSV</option>
                {preview &&
                  !['auto', 'mt4', 'mt5', 'histdata', 'dukascopy', 'tradingview', 'generic'].includes(
                    preview.format,
                  ) && <option value={preview.format}>{preview.format}</option>}
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
              <progress aria-label="Import progress" max={100} value={progress?.percent ?? 0} />
              <output aria-label="Import rate">
                {progress
                  ? `${progress.rows.toLocaleString()} rows · ${progress.percent.toFixed(0)} % · ${Math.round(progress.rowsPerSecond).toLocaleString()} rows/s`
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
            <section className="card preview" aria-label="Import preview">
              <h2>Preview of {preview.fileName}</h2>
              <dl className="detected">
                <dt>Detected format</dt>
                <dd>{preview.format}</dd>
                <dt>Data</dt>
                <dd>{preview.kind === 'ticks' ? 'Ticks (built into M1 bars)' : 'Bars'}</dd>
                <dt>Time zone</dt>
                <dd>{preview.timezone}</dd>
                <dt>Timeframe</dt>
                <dd>{preview.timeframe}</dd>
              </dl>
              <div className="form-grid">
                <label>
                  Delimiter
                  <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as Delimiter | '')}>
                    <option value="">
                      Detected (
                      {DELIMITERS.find((d) => d.value === preview.delimiter)?.label ?? preview.delimiter})
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
                    <option value="">
                      Detected ({preview.dayFirst ? 'day first' : 'month or year first'})
                    </option>
                    <option value="yes">Day first</option>
                    <option value="no">Month or year first</option>
                  </select>
                </label>
                <label>
                  Decimal mark
                  <select
                    value={decimalComma}
                    onChange={(e) => setDecimalComma(e.target.value as '' | 'yes' | 'no')}
                  >
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
