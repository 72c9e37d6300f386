import type { ReportListItemDto } from '../../../../shared/contract/reports';
import { formatTs } from '../../shared/format';
import { EquityChart } from './EquityChart';
import { metricRows } from './report-metrics';
import { useCompare } from './use-compare';

const COLORS = ['#42a5f5', '#ef5350', '#66bb6a', '#ffa726', '#ab47bc', '#26c6da'];

/** Reports side by side: the picked ones' metrics in one table, their equity (in %) overlaid. */
export function Compare({ items }: { items: ReportListItemDto[] }) {
  const { picked, reports, toggle } = useCompare();
  const rows = reports[0] ? metricRows(reports[0]).map(([k]) => k) : [];
  return (
    <section className="card compare" aria-label="Compare sessions">
      <h2>Compare</h2>
      <p className="hint">
        Pick two or more reports: their metrics side by side and their equity (in %) overlaid.
      </p>
      <ul className="compare-picks">
        {items.map((r) => (
          <li key={r.id}>
            <label>
              <input type="checkbox" checked={picked.includes(r.id)} onChange={() => toggle(r.id)} />
              {r.sessionName} · {formatTs(r.createdAt)}
            </label>
          </li>
        ))}
      </ul>
      {reports.length >= 2 && (
        <>
          <EquityChart
            currency=""
            series={reports.map((r, i) => ({
              label: `${r.sessionName} (${formatTs(r.createdAt)})`,
              color: COLORS[i % COLORS.length]!,
              points: r.equityCurve,
            }))}
          />
          <table aria-label="Compared metrics">
            <thead>
              <tr>
                <th />
                {reports.map((r, i) => (
                  <th key={r.id} style={{ color: COLORS[i % COLORS.length] }}>
                    {r.sessionName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((label, i) => (
                <tr key={label}>
                  <th>{label}</th>
                  {reports.map((r) => (
                    <td key={r.id}>{metricRows(r)[i]![1]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
