import { useCallback, useEffect, useState } from 'react';
import type { DatasetDetailDto } from '../../../../shared/contract/market';
import type { DatasetDto } from '../../../../shared/dto';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { api } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import { GapsTable } from './GapsTable';

const kib = (bytes: number) => `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;

/** Imported datasets: inspect (files and gaps), deactivate, delete. */
export function DatasetsPage() {
  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [detail, setDetail] = useState<DatasetDetailDto | null>(null);
  const [confirm, setConfirm] = useState<DatasetDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => setDatasets(await api['datasets:list']({})), []);
  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
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
                  <button
                    type="button"
                    aria-label={`Inspect ${name(d)}`}
                    onClick={() => run(async () => setDetail(await api['datasets:get']({ datasetId: d.id })))}
                  >
                    Inspect
                  </button>
                  <button
                    type="button"
                    aria-label={`${d.isActive ? 'Deactivate' : 'Activate'} ${name(d)}`}
                    onClick={() =>
                      run(() => api['datasets:set-active']({ datasetId: d.id, active: !d.isActive }))
                    }
                  >
                    {d.isActive ? 'Deactivate' : 'Activate'}
                  </button>
                  <button type="button" aria-label={`Delete ${name(d)}`} onClick={() => setConfirm(d)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
            {datasets.length === 0 && (
              <tr>
                <td colSpan={9} className="hint">
                  No datasets yet: import a file first.
                </td>
              </tr>
            )}
          </tbody>
        </table>
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
          onConfirm={() => {
            const d = confirm;
            setConfirm(null);
            if (detail?.id === d.id) setDetail(null);
            void run(() => api['datasets:delete']({ datasetId: d.id }));
          }}
        />
      )}
    </div>
  );
}
