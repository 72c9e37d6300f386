import { useState } from 'react';
import type { JournalEntryDto, ReportTradeDto } from '../../../../shared/contract/reports';
import { api } from '../../shared/contract-client';
import { ErrorNotice } from '../../shared/ErrorNotice';
import { errorMessage } from '../../shared/format';
import { JournalScreenshots } from './JournalScreenshots';

export function JournalEditor({
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
    setError(null);
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
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <JournalScreenshots sessionId={sessionId} positionId={trade.id} />
    </div>
  );
}
