import { describeBasePeriods } from '../../../../shared/base-periods';
import { EmptyState } from '../../shared/EmptyState';
import { ErrorNotice } from '../../shared/ErrorNotice';
import { formatTs } from '../../shared/format';
import type { TradeFocus } from '../desk/TradeFocus';
import { ChallengeOutcome } from './ChallengeOutcome';
import { Compare } from './Compare';
import { EquityChart } from './EquityChart';
import { MonthlyReturns } from './MonthlyReturns';
import { ReportBreakdowns } from './ReportBreakdowns';
import { metricRows } from './report-metrics';
import { TradeList } from './TradeList';
import { useReports } from './use-reports';
import './reports.css';

/** Reports of a session: metrics, equity and drawdown, monthly returns, the trade list with its journal, exports, compare. */
export function ReportsPage({
  initialSessionId,
  onOpenDesk,
  onSessions,
}: {
  initialSessionId: string | null;
  onOpenDesk: (sessionId: string, focus?: TradeFocus) => void;
  /** Goes to the sessions page (to start one). */
  onSessions: () => void;
}) {
  const {
    loaded,
    sessions,
    sessionId,
    all,
    report,
    journal,
    message,
    error,
    dismissError,
    pickSession,
    showReport,
    make,
    exportAs,
    reloadJournal,
  } = useReports(initialSessionId);

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
          <select value={report?.id ?? ''} onChange={(e) => showReport(e.target.value)} aria-label="Report">
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
        {(['html', 'csv', 'pdf', 'json'] as const).map((f) => (
          <button key={f} type="button" disabled={!report} onClick={() => exportAs(f)}>
            Export {f.toUpperCase()}
          </button>
        ))}
      </section>
      {message && <p className="result">{message}</p>}
      <ErrorNotice error={error} onDismiss={dismissError} />
      {loaded && sessions.length === 0 && (
        <EmptyState
          title="No sessions to report on yet"
          actions={
            <button type="button" className="primary" onClick={onSessions}>
              Start a session
            </button>
          }
        >
          A report is made from a replay session: its metrics, equity curve and every trade. Start one on the
          sample or on your own data.
        </EmptyState>
      )}
      {loaded && sessions.length > 0 && !sessionId && (
        <p className="hint">Pick a session above to see its report.</p>
      )}
      {loaded && sessionId && !report && (
        <EmptyState
          title="No report for this session yet"
          actions={
            <>
              <button type="button" className="primary" onClick={make}>
                Make the report now
              </button>
              <button type="button" onClick={() => onOpenDesk(sessionId)}>
                Open the desk
              </button>
            </>
          }
        >
          A report is stored when the replay reaches its end; make one now to see the session so far.
        </EmptyState>
      )}
      {report && (
        <>
          <section className="card">
            <h2>
              {report.sessionName} · {report.symbol}
            </h2>
            <p className="hint">
              {formatTs(report.fromTs)} → {formatTs(report.toTs)} UTC · made {formatTs(report.createdAt)}
            </p>
            {report.basePeriods.length > 0 && (
              <p className="hint" role="note" aria-label="Base data">
                Base data: {describeBasePeriods(report.basePeriods)}
              </p>
            )}
            <dl className="metrics-grid" aria-label="Metrics">
              {metricRows(report).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          {report.challenge && <ChallengeOutcome challenge={report.challenge} />}
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
              onJournalSaved={() => reloadJournal(report.sessionId)}
            />
          </section>
        </>
      )}
      {all.length >= 2 && <Compare items={all} />}
    </div>
  );
}
