import { EmptyState } from '../../shared/EmptyState';
import { formatTs } from '../../shared/format';
import { STATUS_WORDS, syncText } from './support-words';
import { useSupport } from './use-support';
import '../../shared/online.css';

/** Support: the trader's requests (written offline or online), a thread view and replies. */
export function SupportPage() {
  const {
    requests,
    selected,
    thread,
    sync,
    writing,
    setWriting,
    subject,
    setSubject,
    message,
    setMessage,
    setFiles,
    reply,
    setReply,
    busy,
    error,
    fileKey,
    syncNow,
    send,
    sendReply,
    newRequest,
    openRequest,
  } = useSupport();

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
          <button type="button" className="primary" onClick={newRequest}>
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
        {requests.length === 0 && !writing && (
          <EmptyState
            title="No requests yet"
            actions={
              <button type="button" className="primary" onClick={newRequest}>
                Write a request
              </button>
            }
          >
            A question, a bug, an idea: write to us any time, even offline. It is kept here and sent when the
            server answers; replies arrive here too.
          </EmptyState>
        )}
        <ul className="support-list">
          {requests.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                aria-current={r.id === selected ? 'true' : undefined}
                onClick={() => openRequest(r.id)}
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
