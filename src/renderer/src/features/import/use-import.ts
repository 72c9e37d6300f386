import { useEffect, useRef, useState } from 'react';
import {
  type DatasetDetailDto,
  type ImportPreviewDto,
  UPLOAD_CHUNK_BYTES,
} from '../../../../shared/contract/market';
import type { ImportResultDto, JobProgressDto } from '../../../../shared/dto';
import { ErrorCode } from '../../../../shared/errors';
import type { TIMEFRAMES } from '../../../../shared/timeframes';
import { api, client } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { useInstruments } from '../market/use-instruments';
import {
  base64Of,
  type PickedFile,
  pickedFromBrowser,
  pickedFromDisk,
  symbolFromFileName,
} from './import-file';
import { type ColumnName, type Delimiter, type Issue, issuesOf, PREVIEW_BYTES } from './import-options';

/**
 * Sends a picked file to the main process in pieces of UPLOAD_CHUNK_BYTES, so the import reads it
 * from disk as the CLI does: no whole-file text in the page or in one contract frame.
 */
async function sendFile(
  name: string,
  blob: Blob,
  onSent: (percent: number) => void,
): Promise<{ uploadId: string }> {
  const { uploadId } = await api['import:upload-open']({ fileName: name, sizeBytes: blob.size });
  onSent(0);
  // The next piece is read while the one before crosses.
  let next = base64Of(blob.slice(0, UPLOAD_CHUNK_BYTES));
  for (let offset = 0; offset < blob.size; offset += UPLOAD_CHUNK_BYTES) {
    const base64 = await next;
    const after = offset + UPLOAD_CHUNK_BYTES;
    if (after < blob.size) next = base64Of(blob.slice(after, after + UPLOAD_CHUNK_BYTES));
    await api['import:upload-append']({ uploadId, offset, base64 });
    onSent(Math.min(100, Math.round((Math.min(after, blob.size) / blob.size) * 100)));
  }
  return { uploadId };
}

/** The desktop's native open dialog; absent in browser mode, where a file box stands in. */
const chooseNatively = window.tickstep?.chooseCandleFile;

/**
 * The import wizard's state and contract calls: the chosen file, every option the trader edits,
 * the debounced preview, and the import job with its progress, cancel and result.
 */
export function useImport(droppedFile: File | null | undefined) {
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
  /** Share of the file sent so far, while a picked file crosses to the import (0–100). */
  const [sentPercent, setSentPercent] = useState<number | null>(null);
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
      const source = file.blob ? await sendFile(file.name, file.blob, setSentPercent) : await file.source();
      const { jobId: id } = await api['import:start']({
        source,
        options: { symbol, ...options, skipInvalid },
      });
      jobRef.current = id;
      setJobId(id);
    } catch (e) {
      setError(errorMessage(e));
      setErrorLines(issuesOf((e as { details?: unknown }).details));
    } finally {
      setReading(false);
      setSentPercent(null);
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

  return {
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
    sentPercent,
    errorLines,
    preview,
    previewError,
    delimiter,
    setDelimiter,
    dayFirst,
    setDayFirst,
    decimalComma,
    setDecimalComma,
    columns,
    setColumn,
    detail,
    chooseFile,
    start,
    cancel,
    price,
    canChooseNatively: chooseNatively !== undefined,
    pickNatively,
  };
}

export type ImportWizard = ReturnType<typeof useImport>;
