import { useEffect, useState } from 'react';
import type { ReportDto } from '../../../../shared/contract/reports';
import { api } from '../../shared/contract-client';

/** The reports picked for comparison, each read in full once picked. */
export function useCompare() {
  const [picked, setPicked] = useState<string[]>([]);
  const [reports, setReports] = useState<ReportDto[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all(picked.map((reportId) => api['reports:get']({ reportId }))).then(
      (r) => live && setReports(r),
    );
    return () => {
      live = false;
    };
  }, [picked]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return { picked, reports, toggle };
}
