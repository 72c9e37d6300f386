import { useEffect, useState } from 'react';
import type { FillDto } from '../../../shared/dto';
import { ErrorCode } from '../../../shared/errors';
import { client } from './contract-client';
import { errorMessage } from './format';

interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'good' | 'bad';
}

const FILL_TEXT: Record<FillDto['reason'], (f: FillDto) => string> = {
  MARKET: (f) => `${f.side === 'BUY' ? 'Bought' : 'Sold'} ${f.lots} lots at ${f.price}`,
  LIMIT: (f) => `Limit order filled: ${f.side === 'BUY' ? 'bought' : 'sold'} ${f.lots} lots at ${f.price}`,
  STOP: (f) => `Stop order filled: ${f.side === 'BUY' ? 'bought' : 'sold'} ${f.lots} lots at ${f.price}`,
  SL: (f) => `Stop loss hit at ${f.price}`,
  TP: (f) => `Take profit hit at ${f.price}`,
  CLOSE: (f) => `Position closed at ${f.price}`,
  STOP_OUT: (f) => `Stop-out: position liquidated at ${f.price}`,
};

/** Short-lived notices for fills, stop loss / take profit hits, stop-outs and finished imports. */
export function Notifications() {
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => {
    let next = 1;
    const push = (text: string, tone: Toast['tone']) => {
      const id = next++;
      setToasts((list) => [...list.slice(-4), { id, text, tone }]);
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), 5000);
    };
    const offTick = client.on('replay:tick', (tick) => {
      for (const fill of tick.fills) {
        // Market fills answer a click the trader just made; only automatic fills need a notice.
        if (fill.reason === 'MARKET' || fill.reason === 'CLOSE') continue;
        push(
          FILL_TEXT[fill.reason](fill),
          fill.reason === 'TP' ? 'good' : fill.reason === 'LIMIT' || fill.reason === 'STOP' ? 'info' : 'bad',
        );
      }
    });
    const offJob = client.on('job:done', (done) => {
      if (done.ok && done.kind === 'import')
        push(
          `Import finished: ${done.result.rows.toLocaleString()} candles of ${done.result.symbol}`,
          'good',
        );
      else if (!done.ok && done.error.code === ErrorCode.IMPORT_CANCELLED) push('Import cancelled', 'info');
      else if (!done.ok) push(`Import failed: ${errorMessage(done.error.message)}`, 'bad');
    });
    // A practice reminder: the system notification where the browser allows it, else an in-app notice
    // (the desktop app's main process shows its own system notification).
    const offReminder = client.on('practice:reminder', (reminder) => {
      const isDesktop = Boolean(window.tickstep);
      if (!isDesktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(reminder.title, { body: reminder.body });
      } else {
        push(`${reminder.title}: ${reminder.body}`, 'info');
      }
    });
    return () => {
      offTick();
      offJob();
      offReminder();
    };
  }, []);

  return (
    <ol className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <li key={t.id} className={`toast ${t.tone}`}>
          {t.text}
        </li>
      ))}
    </ol>
  );
}
