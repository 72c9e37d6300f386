import { useEffect, useState } from 'react';
import { Notifications } from './components/Notifications';
import { client } from './contract-client';
import { DeskPage } from './pages/DeskPage';
import { ImportPage } from './pages/ImportPage';
import { SessionsPage } from './pages/SessionsPage';
import { useTheme } from './theme';

type Page = { name: 'sessions' } | { name: 'import' } | { name: 'desk'; sessionId: string };

export function App() {
  const [page, setPage] = useState<Page>({ name: 'sessions' });
  const [lastSessionId, setLastSessionId] = useState<string | null>(null);
  const [theme, setTheme] = useTheme();

  useEffect(
    () =>
      client.on('app:command', ({ command }) => {
        if (command === 'open-import') setPage({ name: 'import' });
        if (command === 'open-sessions') setPage({ name: 'sessions' });
        if (command === 'open-desk' && lastSessionId) setPage({ name: 'desk', sessionId: lastSessionId });
      }),
    [lastSessionId],
  );

  const openSession = (sessionId: string) => {
    setLastSessionId(sessionId);
    setPage({ name: 'desk', sessionId });
  };

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
            aria-current={page.name === 'import' ? 'page' : undefined}
            onClick={() => setPage({ name: 'import' })}
          >
            Import data
          </button>
          <button
            type="button"
            disabled={!lastSessionId}
            aria-current={page.name === 'desk' ? 'page' : undefined}
            onClick={() => lastSessionId && openSession(lastSessionId)}
          >
            Replay desk
          </button>
        </nav>
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
        {page.name === 'sessions' && <SessionsPage onOpen={openSession} />}
        {page.name === 'import' && <ImportPage />}
        {page.name === 'desk' && <DeskPage key={page.sessionId} sessionId={page.sessionId} theme={theme} />}
      </main>
      <Notifications />
    </div>
  );
}
