import { useEffect, useState } from 'react';
import { usePractice } from './use-practice';

/** Settings: what makes a practice day count, and the daily reminder's local time. */
export function PracticeSettingsCard() {
  const state = usePractice();
  const [bars, setBars] = useState('');
  const [time, setTime] = useState('');
  const [email, setEmail] = useState(false);
  const p = state.practice;
  useEffect(() => {
    if (!p) return;
    setBars(String(p.barsPerDay));
    setTime(p.reminderTime ?? '');
    setEmail(p.emailReminders);
  }, [p]);
  return (
    <section className="card" aria-label="Practice">
      <h2>Practice</h2>
      <label>
        Bars that make a day count
        <input type="number" min={1} value={bars} onChange={(e) => setBars(e.target.value)} />
      </label>
      <label>
        Daily reminder (local time; empty for none)
        <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
        Email reminders too
      </label>
      <p className="hint">
        A reminder comes once a day at most, and not when the day already counts. The email goes to your
        account's address through the Tickstep server, when signed in and online.
      </p>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            if (time && typeof Notification !== 'undefined' && Notification.permission === 'default') {
              void Notification.requestPermission();
            }
            void state.save({ barsPerDay: Number(bars), reminderTime: time || null, emailReminders: email });
          }}
        >
          Save practice settings
        </button>
      </div>
      {state.error && (
        <div role="alert" className="error">
          {state.error}
        </div>
      )}
    </section>
  );
}
