import { useEffect } from 'react';
import { isMaskedTs } from '../../../../shared/blind-time';
import { ConfirmDialog } from '../../shared/ConfirmDialog';
import { EmptyState } from '../../shared/EmptyState';
import { ErrorNotice } from '../../shared/ErrorNotice';
import { formatDay, formatMoney, formatSignedMoney, formatTs } from '../../shared/format';
import { Checklist } from '../welcome/Checklist';
import { StreakCard } from '../welcome/StreakCard';
import { useOnboarding } from '../welcome/use-onboarding';
import { usePractice } from '../welcome/use-practice';
import { Welcome } from '../welcome/Welcome';
import { BlindCard } from './BlindCard';
import { NewSessionForm } from './NewSessionForm';
import { familyRows } from './session-family';
import { useBlind } from './use-blind';
import { useSessions } from './use-sessions';

/**
 * Sessions: the list with open, report, duplicate, archive and delete, and a new session's form.
 * With no session yet, the welcome (replay the sample, import a file, the first steps) leads.
 */
export function SessionsPage({
  onOpen,
  onReport,
  onImport,
}: {
  onOpen: (sessionId: string) => void;
  /** Opens the session's reports. */
  onReport?: (sessionId: string) => void;
  /** Goes to the import page. */
  onImport: () => void;
}) {
  const onboarding = useOnboarding();
  const {
    loaded,
    reload,
    sessions,
    datasets,
    base,
    draft,
    instrument,
    error,
    dismissError,
    confirm,
    setConfirm,
    set,
    pickSymbol,
    create,
    duplicate,
    archive,
    remove,
  } = useSessions(onOpen);
  const blind = useBlind(onOpen, reload);
  const practice = usePractice();
  const sampleState = onboarding.state?.sample.state;
  // The sample lands in the background on first start: the form picks it up when it is in.
  useEffect(() => {
    if (sampleState === 'ready') void reload();
  }, [sampleState, reload]);

  const newSession = (
    <section aria-labelledby="new-session-title" className="card">
      <h2 id="new-session-title">New replay session</h2>
      {datasets.length === 0 ? (
        <EmptyState
          title="No data to replay yet"
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
          A session replays an imported dataset: import a candle file from your disk, or the sample.
        </EmptyState>
      ) : (
        <NewSessionForm
          datasets={datasets}
          base={base}
          draft={draft}
          instrument={instrument}
          set={set}
          pickSymbol={pickSymbol}
          onSubmit={create}
        />
      )}
      <ErrorNotice error={error} onDismiss={dismissError} />
      {sessions.length > 0 && onboarding.error && (
        <div role="alert" className="error">
          {onboarding.error}
        </div>
      )}
    </section>
  );

  if (loaded && sessions.length === 0) {
    return (
      <div className="page sessions-page">
        <Welcome onboarding={onboarding} onOpen={onOpen} onImport={onImport} />
        <StreakCard state={practice} />
        {newSession}
        {datasets.length > 0 && <BlindCard blind={blind} />}
      </div>
    );
  }

  return (
    <div className="page sessions-page">
      {onboarding.showChecklist && (
        <section className="card sessions-checklist">
          <Checklist onboarding={onboarding} />
        </section>
      )}
      <StreakCard state={practice} />
      <section aria-labelledby="sessions-title" className="card">
        <h1 id="sessions-title">Sessions</h1>
        <table aria-label="Sessions">
          <thead>
            <tr>
              <th>Name</th>
              <th>Instrument</th>
              <th>Period (UTC)</th>
              <th>Cursor (UTC)</th>
              <th>Status</th>
              <th className="num">Balance</th>
              <th className="num">Net profit</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {familyRows(sessions).map(({ session: s, depth, parent }) => (
              <tr key={s.id} className={depth > 0 ? 'branch-row' : undefined}>
                <td style={depth > 0 ? { paddingLeft: `${depth * 1.25}rem` } : undefined}>
                  {depth > 0 && <span aria-hidden="true">↳ </span>}
                  {s.name}
                  {parent && s.branchedAtTs !== null && (
                    <div className="hint" title={`Branch of ${parent.name}`}>
                      Branched at {formatTs(s.branchedAtTs)}
                    </div>
                  )}
                </td>
                <td>
                  {s.symbol} {s.timeframe}
                </td>
                <td>
                  {formatDay(s.startTs)} → {s.endTs ? formatDay(s.endTs) : 'end of data'}
                </td>
                <td>{formatTs(s.cursorTs)}</td>
                <td>{s.status}</td>
                <td className="num">{formatMoney(s.balanceCents, s.currency)}</td>
                <td className={`num ${s.balanceCents >= s.initialBalanceCents ? 'up' : 'down'}`}>
                  {formatSignedMoney(s.balanceCents - s.initialBalanceCents)}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => onOpen(s.id)} aria-label={`Open session ${s.name}`}>
                    {s.status === 'DRAFT' ? 'Open' : 'Resume'}
                  </button>
                  {onReport && (
                    <button
                      type="button"
                      onClick={() => onReport(s.id)}
                      aria-label={`Report of session ${s.name}`}
                    >
                      Report
                    </button>
                  )}
                  {isMaskedTs(s.startTs) ? (
                    // A blind session cannot be copied (its start is the secret); it ends to reveal it.
                    <button
                      type="button"
                      onClick={() => void blind.end(s.id, s.name)}
                      aria-label={`End and reveal session ${s.name}`}
                    >
                      End and reveal
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => duplicate(s)}
                      aria-label={`Duplicate session ${s.name}`}
                    >
                      Duplicate
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={s.status === 'ARCHIVED'}
                    onClick={() => archive(s)}
                    aria-label={`Archive session ${s.name}`}
                  >
                    Archive
                  </button>
                  <button type="button" onClick={() => setConfirm(s)} aria-label={`Delete session ${s.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {newSession}
      {datasets.length > 0 && <BlindCard blind={blind} />}
      {confirm && (
        <ConfirmDialog
          title={`Delete session ${confirm.name}?`}
          message="Its orders, positions and ledger are removed for good. Archive it instead to keep its results."
          confirmLabel="Delete session"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const s = confirm;
            setConfirm(null);
            void remove(s);
          }}
        />
      )}
    </div>
  );
}
