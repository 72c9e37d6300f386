import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import type {
  JournalEntryDto,
  ReportDto,
  ReportFormat,
  ReportListItemDto,
  ReportTradeDto,
} from '../../../../shared/contract/reports';
import type { SessionDto } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import {
  errorMessage,
  formatMoney,
  formatNumber,
  formatPct,
  formatSignedMoney,
  formatTs,
} from '../../shared/format';
import type { TradeFocus } from '../desk/TradeFocus';
import { EquityChart } from './EquityChart';
import { JournalScreenshots } from './JournalScreenshots';
import { ReportBreakdowns } from './ReportBreakdowns';
import './reports.css';

const COLORS = ['#42a5f5', '#ef5350', '#66bb6a', '#ffa726', '#ab47bc', '#26c6da'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${seconds % 60} s`;
}
const rOf = (t: ReportTradeDto) => (t.riskCents ? t.realizedCents / t.riskCents : null);

/** The metrics shown in the summary grid and the compare table, in order. */
function metricRows(r: ReportDto): [string, string][] {
  const s = r.summary;
  const m = (c: number | null) => (c === null ? '—' : formatMoney(c, r.currency));
  return [
    ['Net profit', m(s.netProfitCents)],
    ['Return', formatPct(s.returnPct)],
    ['Gross profit', m(s.grossProfitCents)],
    ['Gross loss', m(s.grossLossCents)],
    ['Trades (long / short)', `${s.trades} (${s.longTrades} / ${s.shortTrades})`],
    ['Win rate', formatPct(s.winRatePct)],
    ['Profit factor', formatNumber(s.profitFactor)],
    ['Expectancy', m(s.expectancyCents)],
    ['Expectancy (R)', formatNumber(s.expectancyR, 4)],
    ['Average win / loss', `${m(s.averageWinCents)} / ${m(s.averageLossCents)}`],
    ['Largest win / loss', `${m(s.largestWinCents)} / ${m(s.largestLossCents)}`],
    ['Max consecutive wins / losses', `${s.maxConsecutiveWins} / ${s.maxConsecutiveLosses}`],
    ['Max drawdown', `${m(s.maxDrawdownCents)} (${formatPct(s.maxDrawdownPct)})`],
    ['Drawdown peak → trough', `${formatTs(s.maxDrawdownPeakTs)} → ${formatTs(s.maxDrawdownTroughTs)}`],
    ['Recovery factor', formatNumber(s.recoveryFactor)],
    ['Sharpe (daily, annualised)', formatNumber(s.sharpeRatio, 4)],
    ['Sortino (daily, annualised)', formatNumber(s.sortinoRatio, 4)],
    ['SQN', formatNumber(s.sqn, 4)],
    ['Average R-multiple', `${formatNumber(s.averageR, 4)} (${s.tradesWithR} with a stop-loss)`],
    [
      'Holding time (average / median)',
      `${duration(s.averageHoldingSeconds)} / ${duration(s.medianHoldingSeconds)}`,
    ],
    [
      'Costs (spread / slippage / commission)',
      `${m(s.costs.spreadCents)} / ${m(s.costs.slippageCents)} / ${m(s.costs.commissionCents)}`,
    ],
  ];
}

function MonthlyReturns({ report }: { report: ReportDto }) {
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

type SortKey = 'openedTs' | 'closedTs' | 'side' | 'lots' | 'realizedCents' | 'r' | 'held';

function JournalEditor({
  sessionId,
  trade,
  entry,
  onSaved,
}: {
  sessionId: string;
  trade: ReportTradeDto;
  entry: JournalEntryDto | undefined;
  onSaved: () => void;
}) {
  const [notes, setNotes] = useState(entry?.notes ?? '');
  const [tags, setTags] = useState((entry?.tags ?? trade.tags).join(', '));
  const [rating, setRating] = useState<number | null>(entry?.rating ?? null);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await api['journal:save']({
        positionId: trade.id,
        notes,
        tags: tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        rating,
      });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="journal-editor">
      <label>
        Tags (comma separated)
        <input value={tags} onChange={(e) => setTags(e.target.value)} aria-label="Tags" />
      </label>
      <label>
        Setup rating
        <select
          value={rating ?? ''}
          onChange={(e) => setRating(e.target.value ? Number(e.target.value) : null)}
          aria-label="Setup rating"
        >
          <option value="">—</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {'★'.repeat(n)}
            </option>
          ))}
        </select>
      </label>
      <label className="notes">
        Notes
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} aria-label="Notes" />
      </label>
      <button type="button" className="primary" onClick={save}>
        Save journal
      </button>
      {error && <p className="error">{error}</p>}
      <JournalScreenshots sessionId={sessionId} positionId={trade.id} />
    </div>
  );
}

function TradeList({
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
            {header('realizedCents', 'Net', true)}
            <th>Tags</th>
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
                  <td className="num">{t.entryPrice}</td>
                  <td className="num">{t.exitPrice ?? '—'}</td>
                  <td className="num">{formatNumber(r)}</td>
                  <td className="num">{duration(t.closedTs - t.openedTs)}</td>
                  <td className={`num ${t.realizedCents >= 0 ? 'up' : 'down'}`}>
                    {formatSignedMoney(t.realizedCents)}
                  </td>
                  <td>{tagsOf(t).join(', ')}</td>
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
                    <td colSpan={11}>
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
          {rows.length === 0 && (
            <tr>
              <td colSpan={11} className="hint">
                No trades match.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

function Compare({ items }: { items: ReportListItemDto[] }) {
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

/** Reports of a session: metrics, equity and drawdown, monthly returns, the trade list with its journal, exports, compare. */
export function ReportsPage({
  initialSessionId,
  onOpenDesk,
}: {
  initialSessionId: string | null;
  onOpenDesk: (sessionId: string, focus?: TradeFocus) => void;
}) {
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(initialSessionId);
  const [all, setAll] = useState<ReportListItemDto[]>([]);
  const [report, setReport] = useState<ReportDto | null>(null);
  const [journal, setJournal] = useState<JournalEntryDto[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [s, r] = await Promise.all([api['sessions:list']({}), api['reports:list']({})]);
    setSessions(s);
    setAll(r);
    return r;
  }, []);

  useEffect(() => {
    refresh()
      .then((r) => {
        const first = initialSessionId ?? r[0]?.sessionId ?? null;
        if (first) setSessionId(first);
        const latest = r.find((x) => x.sessionId === first);
        if (latest) return api['reports:get']({ reportId: latest.id }).then(setReport);
        return undefined;
      })
      .catch((e) => setError(errorMessage(e)));
  }, [refresh, initialSessionId]);

  useEffect(() => {
    if (!report) return;
    api['journal:list']({ sessionId: report.sessionId })
      .then(setJournal)
      .catch(() => setJournal([]));
  }, [report]);

  const pickSession = async (id: string) => {
    setSessionId(id);
    setError(null);
    const latest = all.find((r) => r.sessionId === id);
    setReport(latest ? await api['reports:get']({ reportId: latest.id }) : null);
  };

  const make = async () => {
    if (!sessionId) return;
    setError(null);
    try {
      const r = await api['reports:create']({ sessionId });
      setReport(r);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const exportAs = async (format: ReportFormat) => {
    if (!report) return;
    setError(null);
    setMessage(null);
    try {
      const file = await api['reports:export']({ reportId: report.id, format });
      setMessage(`Saved ${file.path} (${file.size.toLocaleString('en-US')} bytes, md5 ${file.md5})`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const sessionReports = all.filter((r) => r.sessionId === sessionId);
  return (
    <div className="page reports-page">
      <section className="card reports-toolbar">
        <label>
          Session
          <select
            value={sessionId ?? ''}
            onChange={(e) => void pickSession(e.target.value)}
            aria-label="Session"
          >
            <option value="" disabled>
              Pick a session
            </option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.status.toLowerCase()})
              </option>
            ))}
          </select>
        </label>
        <label>
          Report
          <select
            value={report?.id ?? ''}
            onChange={(e) => api['reports:get']({ reportId: e.target.value }).then(setReport)}
            aria-label="Report"
          >
            {sessionReports.length === 0 && <option value="">None yet</option>}
            {sessionReports.map((r) => (
              <option key={r.id} value={r.id}>
                {formatTs(r.createdAt)} · {r.trades} trades
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!sessionId} onClick={make}>
          Make report now
        </button>
        <span className="spacer" />
        {(['html', 'csv', 'pdf'] as const).map((f) => (
          <button key={f} type="button" disabled={!report} onClick={() => exportAs(f)}>
            Export {f.toUpperCase()}
          </button>
        ))}
      </section>
      {message && <p className="result">{message}</p>}
      {error && <p className="error">{error}</p>}
      {!report && <p className="hint">No report for this session yet: make one, or finish the replay.</p>}
      {report && (
        <>
          <section className="card">
            <h2>
              {report.sessionName} · {report.symbol}
            </h2>
            <p className="hint">
              {formatTs(report.fromTs)} → {formatTs(report.toTs)} UTC · made {formatTs(report.createdAt)}
            </p>
            <dl className="metrics-grid" aria-label="Metrics">
              {metricRows(report).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card">
            <h2>Equity and drawdown</h2>
            <EquityChart
              currency={report.currency}
              series={[{ label: 'Equity', color: '#42a5f5', points: report.equityCurve }]}
            />
          </section>
          <section className="card">
            <h2>Monthly returns</h2>
            <MonthlyReturns report={report} />
          </section>
          <section className="card">
            <h2>Breakdowns</h2>
            <ReportBreakdowns report={report} />
          </section>
          <section className="card">
            <h2>Trades</h2>
            <TradeList
              report={report}
              journal={journal}
              onOpenDesk={onOpenDesk}
              onJournalSaved={() =>
                api['journal:list']({ sessionId: report.sessionId })
                  .then(setJournal)
                  .catch(() => {})
              }
            />
          </section>
        </>
      )}
      {all.length >= 2 && <Compare items={all} />}
    </div>
  );
}
