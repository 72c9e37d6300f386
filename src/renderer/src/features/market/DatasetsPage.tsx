import { useEffect } from 'react';
import type { DatasetDto } from '../../../../shared/dto';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { EmptyState } from '../../shared/EmptyState';
import { formatTs } from '../../shared/format';
import { useOnboarding } from '../welcome/use-onboarding';
import { GapsTable } from './GapsTable';
import { useDatasets } from './use-datasets';

const kib = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;

/** Imported datasets: inspect (files and gaps), deactivate, delete; with none, how to get some. */
export function DatasetsPage({ onImport }: { onImport: () => void }) {
  const { datasets, detail, setDetail, confirm, setConfirm, error, inspect, toggleActive, remove, reload } =
    useDatasets();
  const onboarding = useOnboarding();
  const sampleState = onboarding.state?.sample.state;
  // The first-start sample may land while this page is open.
  useEffect(() => {
    if (sampleState === 'ready') void reload();
  }, [sampleState, reload]);
  const name = (d: DatasetDto) => `${d.symbol} ${d.timeframe}`;

  return (
    <div className="page">
      <section className="card" aria-labelledby="datasets-title">
        <h1 id="datasets-title">Datasets</h1>
        <table aria-label="Datasets">
          <thead>
            <tr>
              <th>Instrument</th>
              <th>Timeframe</th>
              <th>Format</th>
              <th>Source zone</th>
              <th className="num">Rows</th>
              <th>From (UTC)</th>
              <th>To (UTC)</th>
              <th>Active</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.id}>
                <td>{d.symbol}</td>
                <td>{d.timeframe}</td>
                <td>{d.format}</td>
                <td>{d.timezone}</td>
                <td className="num">{d.rows.toLocaleString()}</td>
                <td>{formatTs(d.startTs)}</td>
                <td>{formatTs(d.endTs)}</td>
                <td>{d.isActive ? 'Yes' : 'No'}</td>
                <td className="row-actions">
                  <button type="button" aria-label={`Inspect ${name(d)}`} onClick={() => inspect(d)}>
                    Inspect
                  </button>
                  <button
                    type="button"
                    aria-label={`${d.isActive ? 'Deactivate' : 'Activate'} ${name(d)}`}
                    onClick={() => toggleActive(d)}
                  >
                    {d.isActive ? 'Deactivate' : 'Activate'}
                  </button>
                  <button type="button" aria-label={`Delete ${name(d)}`} onClick={() => setConfirm(d)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {datasets.length === 0 && (
          <EmptyState
            title="No datasets yet"
            actions={
              <>
                <button type="button" className="primary" onClick={onImport}>
                  Import a file
                </button>
                {sampleState !== 'ready' && (
                  <button
                    type="button"
                    disabled={onboarding.busy || sampleState === 'importing'}
                    onClick={() => void onboarding.importSample()}
                  >
                    {sampleState === 'importing' ? 'Importing the sample…' : 'Import the sample'}
                  </button>
                )}
              </>
            }
          >
            Import the candle files on your disk (MetaTrader, HistData, Dukascopy, TradingView and more,
            detected by themselves), or the sample: three weeks of generated EURUSD and GBPUSD M1.
          </EmptyState>
        )}
        {onboarding.error && (
          <div role="alert" className="error">
            {onboarding.error}
          </div>
        )}
        {error && (
          <div role="alert" className="error">
            {error}
          </div>
        )}
      </section>
      {detail && (
        <section className="card" aria-label={`Dataset ${detail.symbol} ${detail.timeframe}`}>
          <h2>
            {detail.symbol} {detail.timeframe}: {detail.rows.toLocaleString()} rows,{' '}
            {detail.gapCount === 0 ? 'no gaps' : `${detail.gapCount} gaps`}
          </h2>
          <table aria-label="Dataset files">
            <caption>Files</caption>
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Size</th>
                <th>MD5</th>
                <th>Imported (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {detail.files.map((f) => (
                <tr key={f.id}>
                  <td>{f.path}</td>
                  <td className="num">{kib(f.size)}</td>
                  <td>
                    <code>{f.md5}</code>
                  </td>
                  <td>{formatTs(f.uploadedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <GapsTable gaps={detail.gaps} limit={200} />
          <div className="actions">
            <button type="button" onClick={() => setDetail(null)}>
              Close details
            </button>
          </div>
        </section>
      )}
      {confirm && (
        <ConfirmDialog
          title={`Delete ${name(confirm)}?`}
          message={`Its ${confirm.rows.toLocaleString()} rows are removed. Sessions on this data can no longer replay it.`}
          confirmLabel="Delete dataset"
          onCancel={() => setConfirm(null)}
          onConfirm={() => remove(confirm)}
        />
      )}
    </div>
  );
}
