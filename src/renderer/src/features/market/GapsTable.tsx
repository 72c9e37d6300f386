import { formatTs } from '../../shared/format';

/** Holes in a dataset beyond the market's usual closures (weekends, holidays), first `limit` of them. */
export function GapsTable({ gaps, limit }: { gaps: { fromTs: number; toTs: number }[]; limit: number }) {
  if (gaps.length === 0) return null;
  return (
    <table aria-label="Gaps in the data">
      <caption>
        Gaps beyond the market's usual closures
        {gaps.length > limit && ` (first ${limit} of ${gaps.length.toLocaleString()})`}
      </caption>
      <thead>
        <tr>
          <th>From (UTC)</th>
          <th>To (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {gaps.slice(0, limit).map((g) => (
          <tr key={g.fromTs}>
            <td>{formatTs(g.fromTs)}</td>
            <td>{formatTs(g.toTs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
