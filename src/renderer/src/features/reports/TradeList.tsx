import { Fragment, useCallback, useMemo, useState } from 'react';
import type { JournalEntryDto, ReportDto, ReportTradeDto } from '../../../../shared/contract/reports';
import { EmptyState } from '../../shared/EmptyState';
import {
  formatNumber,
  formatPct,
  formatPrice,
  formatSignedMoney,
  formatTs,
  tradePriceDigits,
} from '../../shared/format';
import type { TradeFocus } from '../desk/TradeFocus';
import { JournalEditor } from './JournalEditor';
import { duration, rOf } from './report-metrics';

type SortKey = 'openedTs' | 'closedTs' | 'side' | 'lots' | 'realizedCents' | 'r' | 'held';

/** The report's trades: sortable, filtered by side, result and tag, each with its journal. */
export function TradeList({
  report,
  journal,
  onJournalSaved,
  onOpenDesk,
}: {
  report: ReportDto;
  journal: JournalEntryDto[];
  onJournalSaved: () => void;
  onOpenDesk: (sessionId: string, focus?: TradeFocus) => void;
}) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'openedTs', dir: 1 });
  const [side, setSide] = useState<'ALL' | 'BUY' | 'SELL'>('ALL');
  const [outcome, setOutcome] = useState<'ALL' | 'WIN' | 'LOSS'>('ALL');
  const [tag, setTag] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const byPosition = useMemo(() => new Map(journal.map((j) => [j.positionId, j])), [journal]);
  const tagsOf = useCallback((t: ReportTradeDto) => byPosition.get(t.id)?.tags ?? t.tags, [byPosition]);
  const rows = useMemo(() => {
    const value = (t: ReportTradeDto): number | string => {
      if (sort.key === 'r') return rOf(t) ?? Number.NEGATIVE_INFINITY;
      if (sort.key === 'held') return t.closedTs - t.openedTs;
      return t[sort.key];
    };
    return report.trades
      .filter((t) => side === 'ALL' || t.side === side)
      .filter((t) => outcome === 'ALL' || (outcome === 'WIN' ? t.realizedCents > 0 : t.realizedCents < 0))
      .filter((t) => !tag || tagsOf(t).some((x) => x.toLowerCase().includes(tag.toLowerCase())))
      .sort((a, b) => {
        const x = value(a);
        const y = value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
      });
  }, [report.trades, sort, side, outcome, tag, tagsOf]);
  const digits = tradePriceDigits(report.trades);
  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      className={numeric ? 'num' : undefined}
      aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label}
        {sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  return (
    <>
      <div className="trade-filters">
        <label>
          Side
          <select
            value={side}
            onChange={(e) => setSide(e.target.value as typeof side)}
            aria-label="Filter by side"
          >
            <option value="ALL">All</option>
            <option value="BUY">Buy</option>
            <option value="SELL">Sell</option>
          </select>
        </label>
        <label>
          Result
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as typeof outcome)}
            aria-label="Filter by result"
          >
            <option value="ALL">All</option>
            <option value="WIN">Winners</option>
            <option value="LOSS">Losers</option>
          </select>
        </label>
        <label>
          Tag
          <input
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder="any"
            aria-label="Filter by tag"
          />
        </label>
        <span className="hint">
          {rows.length} of {report.trades.length} trades
        </span>
      </div>
      <table className="trade-list" aria-label="Trades">
        <thead>
          <tr>
            {header('openedTs', 'Opened (UTC)')}
            {header('closedTs', 'Closed (UTC)')}
            {header('side', 'Side')}
            {header('lots', 'Lots', true)}
            <th className="num">Entry</th>
            <th className="num">Exit</th>
            {header('r', 'R', true)}
            {header('held', 'Held', true)}
            <th className="num">Swap</th>
            {header('realizedCents', 'Net', true)}
            <th>Tags</th>
            <th
              className="num"
              title="Maximum adverse / favourable excursion between entry and exit, and the share of it the exit kept"
            >
              MAE / MFE (kept)
            </th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => {
            const r = rOf(t);
            return (
              <Fragment key={t.id}>
                <tr>
                  <td>{formatTs(t.openedTs)}</td>
                  <td>{formatTs(t.closedTs)}</td>
                  <td>{t.side === 'BUY' ? 'Buy' : 'Sell'}</td>
                  <td className="num">{t.lots}</td>
                  <td className="num">{formatPrice(t.entryPrice, digits)}</td>
                  <td className="num">
                    {t.pathDependent && (
                      <span
                        className="path-flag"
                        role="img"
                        aria-label="Flagged: the order of prices inside one bar decided this trade"
                        title="Flagged: the order of prices inside one bar decided this trade"
                      >
                        ⚑{' '}
                      </span>
                    )}
                    {formatPrice(t.exitPrice, digits)}
                  </td>
                  <td className="num">{formatNumber(r)}</td>
                  <td className="num">{duration(t.closedTs - t.openedTs)}</td>
                  {/* Reports stored before swap existed have no swapCents. */}
                  <td className="num">{t.swapCents ? formatSignedMoney(t.swapCents) : '—'}</td>
                  <td className={`num ${t.realizedCents >= 0 ? 'up' : 'down'}`}>
                    {formatSignedMoney(t.realizedCents)}
                  </td>
                  <td>{tagsOf(t).join(', ')}</td>
                  <td className="num">{excursionText(t)}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setEditing(editing === t.id ? null : t.id)}>
                      Journal
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        onOpenDesk(report.sessionId, {
                          positionId: t.id,
                          side: t.side,
                          lots: t.lots,
                          openedTs: t.openedTs,
                          closedTs: t.closedTs,
                        })
                      }
                      aria-label={`Show the trade opened ${formatTs(t.openedTs)} on the chart`}
                      title="Open the session's desk with the chart at this trade"
                    >
                      Chart
                    </button>
                  </td>
                </tr>
                {editing === t.id && (
                  <tr>
                    <td colSpan={12}>
                      <JournalEditor
                        sessionId={report.sessionId}
                        trade={t}
                        entry={byPosition.get(t.id)}
                        onSaved={() => {
                          setEditing(null);
                          onJournalSaved();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {rows.length === 0 && report.trades.length > 0 && (
            <tr>
              <td colSpan={12} className="hint">
                No trades match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {report.trades.length === 0 && (
        <EmptyState
          title="No trades in this report"
          actions={
            <button type="button" className="primary" onClick={() => onOpenDesk(report.sessionId)}>
              Open the desk
            </button>
          }
        >
          Each closed position is a trade here, with its journal (notes, tags, rating and the chart at entry
          and exit). Trade on the desk, then make the report again.
        </EmptyState>
      )}
    </>
  );
}

/** MAE / MFE in R where the trade had a stop loss, else in money; '—' for reports made before. */
function excursionText(t: ReportTradeDto): string {
  const x = t.excursion;
  if (!x) return '—';
  const pair =
    x.maeR !== null && x.mfeR !== null
      ? `${formatNumber(x.maeR)} R / ${formatNumber(x.mfeR)} R`
      : `${formatSignedMoney(-x.maeCents)} / ${formatSignedMoney(x.mfeCents)}`;
  return x.exitEfficiencyPct === null ? pair : `${pair} (${formatPct(x.exitEfficiencyPct)})`;
}
