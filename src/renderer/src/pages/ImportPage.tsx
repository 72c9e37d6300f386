import { useEffect, useRef, useState } from 'react';
import type { ImportResultDto, JobProgressDto } from '../../../shared/dto';
import { TIMEFRAMES } from '../../../shared/timeframes';
import { api, client } from '../contract-client';
import { errorMessage, formatTs } from '../format';
import { useInstruments } from '../hooks/use-instruments';

/** Guesses EURUSD from "EURUSD_M1_2019.csv"-like names, so the trader rarely has to pick. */
function symbolFromFileName(name: string, symbols: string[]): string | undefined {
  const upper = name.toUpperCase();
  return symbols.find((symbol) => upper.includes(symbol));
}

export function ImportPage() {
  const instruments = useInstruments();
  const [file, setFile] = useState<File | null>(null);
  const [symbol, setSymbol] = useState('EURUSD');
  const [format, setFormat] = useState('auto');
  const [timezone, setTimezone] = useState('');
  const [timeframe, setTimeframe] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgressDto | null>(null);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    const offProgress = client.on('job:progress', (p) => {
      if (p.jobId === jobRef.current) setProgress(p);
    });
    const offDone = client.on('job:done', (done) => {
      if (done.jobId !== jobRef.current) return;
      jobRef.current = null;
      setJobId(null);
      if (done.ok && done.kind === 'import') setResult(done.result);
      else if (!done.ok) setError(done.error.message);
    });
    return () => {
      offProgress();
      offDone();
    };
  }, []);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setResult(null);
    setError(null);
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
    setResult(null);
    setProgress(null);
    try {
      const content = await file.text();
      const { jobId: id } = await api['import:start']({
        source: { fileName: file.name, content },
        options: {
          symbol,
          ...(format !== 'auto' ? { format } : {}),
          ...(timezone ? { tz: timezone } : {}),
          ...(timeframe ? { timeframe: timeframe as (typeof TIMEFRAMES)[number] } : {}),
          skipInvalid,
        },
      });
      jobRef.current = id;
      setJobId(id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const cancel = async () => {
    if (jobId) await api['import:cancel']({ jobId });
  };

  return (
    <section className="page narrow" aria-labelledby="import-title">
      <h1 id="import-title">Import candles</h1>
      <p className="hint">
        MetaTrader 4/5, HistData, Dukascopy, TradingView, Yahoo, Stooq, NinjaTrader, Binance and any headered
        CSV. Prices are bid; times are stored in UTC.
      </p>
      <div className="form-grid">
        <label>
          Candle file
          <input
            type="file"
            accept=".csv,.txt,.tsv"
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          />
        </label>
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
        <label className="checkbox">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
          Skip invalid lines (and list them)
        </label>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={!file || jobId !== null} onClick={start}>
          Import
        </button>
        {jobId && (
          <button type="button" onClick={cancel}>
            Cancel import
          </button>
        )}
      </div>
      {jobId && (
        <div className="progress-block">
          <progress aria-label="Import progress" max={100} value={progress?.percent ?? 0} />
          <span>
            {progress
              ? `${progress.rows.toLocaleString()} rows · ${progress.percent.toFixed(0)} % · ${Math.round(progress.rowsPerSecond).toLocaleString()} rows/s`
              : 'Starting…'}
          </span>
        </div>
      )}
      {error && (
        <div role="alert" className="error">
          {error}
        </div>
      )}
      {result && (
        <output className="result" aria-label="Import result">
          Imported <strong>{result.rows.toLocaleString()}</strong> {result.timeframe} candles of{' '}
          {result.symbol} ({result.format}, {result.timezone}) from {formatTs(result.startTs)} to{' '}
          {formatTs(result.endTs)} UTC.
          {result.skipped > 0 && ` Skipped ${result.skipped} invalid lines.`}
          {result.duplicates > 0 && ` Dropped ${result.duplicates} duplicate rows.`}
        </output>
      )}
    </section>
  );
}
