import { useCallback, useEffect, useState } from 'react';
import type {
  AttachmentInput,
  SupportRequestDto,
  SupportSyncDto,
  SupportThreadDto,
} from '../../../../shared/contract/online';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import '../../shared/online.css';

const STATUS_WORDS: Record<string, string> = {
  OPEN: 'Open',
  'PENDING APPROVAL': 'Waiting for you',
  CLOSED: 'Closed',
};

/** Reads a chosen file for the contract: text as is, anything else as base64. */
async function readAttachment(file: File): Promise<AttachmentInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { fileName: file.name, content: btoa(binary), encoding: 'base64' };
}

function syncText(s: SupportSyncDto | null): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.pending > 0) parts.push(`${s.pending} waiting to send`);
  if (s.failed > 0) parts.push(`${s.failed} refused by the server`);
  if (s.syncedAt) parts.push(`last synced ${formatTs(s.syncedAt)} UTC`);
  return parts.join(' · ') || 'Nothing synced yet';
}

/** Support: the trader's requests (written offline or online), a thread view and replies. */
export function SupportPage() {
  const [requests, setRequests] = useState<SupportRequestDto[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [thread, setThread] = useState<SupportThreadDto | null>(null);
  const [sync, setSync] = useState<SupportSyncDto | null>(null);
  const [writing, setWriting] = useState(false);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);

  const reload = useCallback(async (requestId: string | null) => {
    // The thread first: opening it marks its replies read, which the list then shows.
    if (requestId) setThread(await api['support:get']({ requestId }));
    setRequests(await api['support:list']({}));
  }, []);

  useEffect(() => {
    reload(selected).catch((e) => setError(errorMessage(e)));
  }, [reload, selected]);

  useEffect(
    () =>
      client.on('support:changed', () => {
        reload(selected).catch(() => {});
      }),
    [reload, selected],
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const syncNow = () =>
    run(async () => {
      setSync(await api['support:sync-now']({}));
      await reload(selected);
    });

  const send = () =>
    run(async () => {
      const attachments = await Promise.all(files.map(readAttachment));
      const created = await api['support:create']({ subject, message, attachments });
      setSubject('');
      setMessage('');
      setFiles([]);
      setFileKey((k) => k + 1);
      setWriting(false);
      setSelected(created.request.id);
      setThread(created);
      setRequests(await api['support:list']({}));
      // Sends at once when the server can be reached; otherwise it waits in the outbox.
      setSync(await api['support:sync-now']({}));
      await reload(created.request.id);
    });

  const sendReply = () =>
    run(async () => {
      if (!selected) return;
      const attachments = await Promise.all(files.map(readAttachment));
      setThread(await api['support:reply']({ requestId: selected, message: reply, attachments }));
      setReply('');
      setFiles([]);
      setFileKey((k) => k + 1);
      setSync(await api['support:sync-now']({}));
      await reload(selected);
    });

  const fileInput = (
    <label>
      Attachments (report, screenshot, log; up to 10 MB each)
      <input
        key={fileKey}
        type="file"
        multiple
        onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
      />
    </label>
  );

  return (
    <section className="page support-page" aria-labelledby="support-title">
      <h1 id="support-title">Support</h1>
      <section className="card" aria-label="Support requests">
        <div className="actions" style={{ marginBottom: 10 }}>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setWriting(true);
              setSelected(null);
              setThread(null);
            }}
          >
            New request
          </button>
          <button type="button" onClick={syncNow} disabled={busy}>
            Sync now
          </button>
        </div>
        <output className="hint" style={{ display: 'block' }} aria-label="Sync status">
          {syncText(sync)}
          {sync?.error ? ` · ${sync.error}` : ''}
        </output>
        {requests.length === 0 && (
          <p className="hint">No requests yet. Write to us any time, even offline.</p>
        )}
        <ul className="support-list">
          {requests.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                aria-current={r.id === selected ? 'true' : undefined}
                onClick={() => {
                  setWriting(false);
                  setSelected(r.id);
                }}
              >
                <strong>
                  {r.subject}
                  {r.unread > 0 ? ` · ${r.unread} new` : ''}
                </strong>
                <span className="meta">
                  {STATUS_WORDS[r.status] ?? r.status}
                  {r.queued > 0 ? ` · ${r.queued} waiting to send` : ' · sent'} · {formatTs(r.updatedAt)} UTC
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      <div className="card">
        {writing && (
          <form
            aria-label="New support request"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <h2>New request</h2>
            <label>
              Subject
              <input value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
            </label>
            <label>
              Message
              <textarea value={message} onChange={(e) => setMessage(e.target.value)} />
            </label>
            {fileInput}
            <div className="actions" style={{ marginTop: 10 }}>
              <button type="submit" className="primary" disabled={busy || !subject.trim() || !message.trim()}>
                Send request
              </button>
              <button type="button" onClick={() => setWriting(false)}>
                Cancel
              </button>
            </div>
          </form>
        )}
        {!writing && thread && (
          <section aria-label="Support thread">
            <h2>{thread.request.subject}</h2>
            <output className="hint" style={{ display: 'block' }} aria-label="Request status">
              {STATUS_WORDS[thread.request.status] ?? thread.request.status}
            </output>
            <ol className="thread">
              {thread.messages.map((m) => (
                <li key={m.id} className={m.from}>
                  <div className="meta">
                    {m.from === 'me' ? 'You' : 'Support'} · {formatTs(m.createdAt)} UTC
                    {m.from === 'me' && (
                      <>
                        {' · '}
                        <output aria-label="Delivery">
                          {m.delivery === 'queued'
                            ? 'waiting to send'
                            : m.delivery === 'sent'
                              ? 'sent'
                              : 'refused'}
                        </output>
                      </>
                    )}
                    {m.error ? ` (${m.error})` : ''}
                  </div>
                  {m.content}
                  {m.attachments.length > 0 && (
                    <div className="meta">
                      Attached:{' '}
                      {m.attachments.map((a) => `${a.name} (${Math.ceil(a.size / 1024)} KB)`).join(', ')}
                    </div>
                  )}
                </li>
              ))}
            </ol>
            <label>
              Reply
              <textarea value={reply} onChange={(e) => setReply(e.target.value)} />
            </label>
            {fileInput}
            <div className="actions" style={{ marginTop: 10 }}>
              <button type="button" className="primary" onClick={sendReply} disabled={busy || !reply.trim()}>
                Send reply
              </button>
            </div>
          </section>
        )}
        {!writing && !thread && <p className="hint">Choose a request, or write a new one.</p>}
        {error && (
          <div role="alert" className="error">
            {error}
          </div>
        )}
      </div>
    </section>
  );
}
