import { useEffect, useState } from 'react';
import type { TradeFocus } from './features/desk/TradeFocus';
import { api, client } from './shared/contract-client';

type Page =
  | { name: 'sessions' }
  | { name: 'challenges' }
  | { name: 'strategies' }
  | { name: 'import' }
  | { name: 'datasets' }
  | { name: 'instruments' }
  | { name: 'reports'; sessionId: string | null }
  | { name: 'desk'; sessionId: string; focus?: TradeFocus }
  | { name: 'settings' }
  | { name: 'support' };

/**
 * Which page shows, the last session opened (the "Replay desk" button and the menu's open-desk
 * command go back to it), and the file dropped on the window for the import wizard.
 */
export function useNavigation() {
  const [page, setPage] = useState<Page>({ name: 'sessions' });
  const [lastSessionId, setLastSessionId] = useState<string | null>(null);
  const [droppedFile, setDroppedFile] = useState<File | null>(null);

  // After a reload nothing was opened yet: the desk goes back to the session last worked on.
  useEffect(() => {
    let live = true;
    api['sessions:list']({}).then(
      (sessions) => {
        const latest = sessions
          .filter((s) => s.status !== 'ARCHIVED')
          .reduce<(typeof sessions)[number] | null>(
            (a, b) => (a && a.updatedAt >= b.updatedAt ? a : b),
            null,
          );
        if (live && latest) setLastSessionId((current) => current ?? latest.id);
      },
      () => {}, // no sessions to go back to: the button stays disabled
    );
    return () => {
      live = false;
    };
  }, []);

  // A file dropped anywhere on the window opens the import wizard with it.
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      setDroppedFile(file);
      setPage({ name: 'import' });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  useEffect(
    () =>
      client.on('app:command', ({ command }) => {
        if (command === 'open-import') setPage({ name: 'import' });
        if (command === 'open-sessions') setPage({ name: 'sessions' });
        if (command === 'open-desk' && lastSessionId) setPage({ name: 'desk', sessionId: lastSessionId });
      }),
    [lastSessionId],
  );

  const openSession = (sessionId: string, focus?: TradeFocus) => {
    setLastSessionId(sessionId);
    setPage({ name: 'desk', sessionId, ...(focus ? { focus } : {}) });
  };

  return { page, setPage, lastSessionId, droppedFile, openSession };
}
