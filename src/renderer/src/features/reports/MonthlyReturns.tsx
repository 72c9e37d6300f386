import { isMaskedTs } from '../../../../shared/blind-time';
import type { ReportDto } from '../../../../shared/contract/reports';
import { formatPct } from '../../shared/format';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function MonthlyReturns({ report }: { report: ReportDto }) {
  // Month names would date a blind session; they show once it ends.
  if (isMaskedTs(report.fromTs))
    return <p className="hint">Monthly returns are hidden in a blind session.</p>;
  const years = new Map<number, (number | null)[]>();
  for (const p of report.summary.periods.monthly) {
    const d = new Date(p.periodStart * 1000);
    const row = years.get(d.getUTCFullYear()) ?? Array<number | null>(12).fill(null);
    row[d.getUTCMonth()] = p.returnPct;
    years.set(d.getUTCFullYear(), row);
  }
  if (years.size === 0) return <p className="hint">No monthly data.</p>;
  return (
    <table className="monthly-returns" aria-label="Monthly returns">
      <thead>
        <tr>
          <th />
          {MONTHS.map((m) => (
            <th key={m} className="num">
              {m}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...years.entries()].map(([year, months]) => (
          <tr key={year}>
            <th>{year}</th>
            {months.map((v, i) => (
              <td key={MONTHS[i]} className={`num ${v === null ? '' : v >= 0 ? 'up' : 'down'}`}>
                {v !== null && formatPct(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
