import { useEffect, useState } from 'react';
import { client } from '../../shared/contract-client';

interface Notice {
  id: number;
  text: string;
}

/** Toasts for support replies and status changes pulled by the sync; "Open" goes to the Support page. */
export function SupportNotices({ onOpen }: { onOpen: () => void }) {
  const [notices, setNotices] = useState<Notice[]>([]);

  useEffect(() => {
    let next = 1;
    return client.on('support:changed', (notice) => {
      const id = next++;
      setNotices((list) => [...list.slice(-2), { id, text: notice.text }]);
      setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), 10_000);
    });
  }, []);

  if (notices.length === 0) return null;
  return (
    <ol className="toasts" aria-live="polite" aria-label="Support notifications" style={{ bottom: 90 }}>
      {notices.map((n) => (
        <li key={n.id} className="toast info">
          {n.text}{' '}
          <button
            type="button"
            onClick={() => {
              setNotices((list) => list.filter((x) => x.id !== n.id));
              onOpen();
            }}
          >
            Open
          </button>
        </li>
      ))}
    </ol>
  );
}
