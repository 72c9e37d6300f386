import { ChallengesPage } from './features/challenges/ChallengesPage';
import { DeskPage } from './features/desk/DeskPage';
import { ImportPage } from './features/import/ImportPage';
import { DatasetsPage } from './features/market/DatasetsPage';
import { InstrumentsPage } from './features/market/InstrumentsPage';
import { ReportsPage } from './features/reports/ReportsPage';
import { SessionsPage } from './features/sessions/SessionsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { StrategiesPage } from './features/strategies/StrategiesPage';
import { SupportNotices } from './features/support/SupportNotices';
import { SupportPage } from './features/support/SupportPage';
import { FirstSteps } from './features/welcome/FirstSteps';
import { Notifications } from './shared/Notifications';
import { useTheme } from './shared/use-theme';
import { useNavigation } from './use-navigation';

export function App() {
  const [theme, setTheme] = useTheme();
  const { page, setPage, lastSessionId, droppedFile, openSession } = useNavigation();

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Tickstep</span>
        <nav aria-label="Main">
          <button
            type="button"
            aria-current={page.name === 'sessions' ? 'page' : undefined}
            onClick={() => setPage({ name: 'sessions' })}
          >
            Sessions
          </button>
          <button
            type="button"
            aria-current={page.name === 'challenges' ? 'page' : undefined}
            onClick={() => setPage({ name: 'challenges' })}
          >
            Challenges
          </button>
          <button
            type="button"
            aria-current={page.name === 'strategies' ? 'page' : undefined}
            onClick={() => setPage({ name: 'strategies' })}
          >
            Strategies
          </button>
          <button
            type="button"
            aria-current={page.name === 'import' ? 'page' : undefined}
            onClick={() => setPage({ name: 'import' })}
          >
            Import data
          </button>
          <button
            type="button"
            aria-current={page.name === 'datasets' ? 'page' : undefined}
            onClick={() => setPage({ name: 'datasets' })}
          >
            Datasets
          </button>
          <button
            type="button"
            aria-current={page.name === 'instruments' ? 'page' : undefined}
            onClick={() => setPage({ name: 'instruments' })}
          >
            Instruments
          </button>
          <button
            type="button"
            aria-current={page.name === 'reports' ? 'page' : undefined}
            onClick={() => setPage({ name: 'reports', sessionId: lastSessionId })}
          >
            Reports
          </button>
          <button
            type="button"
            disabled={!lastSessionId}
            aria-current={page.name === 'desk' ? 'page' : undefined}
            onClick={() => lastSessionId && openSession(lastSessionId)}
          >
            Replay desk
          </button>
          <button
            type="button"
            aria-current={page.name === 'support' ? 'page' : undefined}
            onClick={() => setPage({ name: 'support' })}
          >
            Support
          </button>
          <button
            type="button"
            aria-current={page.name === 'settings' ? 'page' : undefined}
            onClick={() => setPage({ name: 'settings' })}
          >
            Settings
          </button>
        </nav>
        <FirstSteps />
        <button
          type="button"
          className="theme-toggle"
          aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <main className="content">
        {page.name === 'sessions' && (
          <SessionsPage
            onOpen={openSession}
            onReport={(sessionId) => setPage({ name: 'reports', sessionId })}
            onImport={() => setPage({ name: 'import' })}
          />
        )}
        {page.name === 'reports' && (
          <ReportsPage
            key={page.sessionId ?? ''}
            initialSessionId={page.sessionId}
            onOpenDesk={openSession}
            onSessions={() => setPage({ name: 'sessions' })}
          />
        )}
        {page.name === 'challenges' && <ChallengesPage onOpen={openSession} />}
        {page.name === 'strategies' && <StrategiesPage theme={theme} />}
        {page.name === 'import' && <ImportPage droppedFile={droppedFile} />}
        {page.name === 'datasets' && <DatasetsPage onImport={() => setPage({ name: 'import' })} />}
        {page.name === 'instruments' && <InstrumentsPage />}
        {page.name === 'desk' && (
          <DeskPage
            key={`${page.sessionId}:${page.focus?.positionId ?? ''}`}
            sessionId={page.sessionId}
            theme={theme}
            focus={page.focus}
            onOpen={openSession}
          />
        )}
        {page.name === 'settings' && <SettingsPage />}
        {page.name === 'support' && <SupportPage />}
      </main>
      <Notifications />
      <SupportNotices onOpen={() => setPage({ name: 'support' })} />
    </div>
  );
}
