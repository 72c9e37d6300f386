import { useCallback, useEffect, useState } from 'react';
import type { DatasetDetailDto } from '../../../../shared/contract/market';
import type { DatasetDto } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';

/** The datasets page's state and contract calls: the list, the dataset inspected, and (de)activating and deleting. */
export function useDatasets() {
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
  const inspect = (d: DatasetDto) =>
    run(async () => setDetail(await api['datasets:get']({ datasetId: d.id })));
  const toggleActive = (d: DatasetDto) =>
    run(() => api['datasets:set-active']({ datasetId: d.id, active: !d.isActive }));
  /** Deletes a dataset the trader confirmed, closing its details if they are open. */
  const remove = (d: DatasetDto) => {
    setConfirm(null);
    if (detail?.id === d.id) setDetail(null);
    void run(() => api['datasets:delete']({ datasetId: d.id }));
  };

  return { datasets, detail, setDetail, confirm, setConfirm, error, inspect, toggleActive, remove, reload };
}
