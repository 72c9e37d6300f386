import { useState } from 'react';
import { ConfirmDialog } from '../../../shared/ConfirmDialog';
import { formatTs } from '../../../shared/format';
import type { AutomationState } from '../use-automation';
import { AreaMessages } from './AreaMessages';

/** The automation clients (one per program of yours), how they connect, and the plan's limit. */
export function ClientsCard({ state }: { state: AutomationState }) {
  const { clients, clientLimit, selected, busy } = state;
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const atLimit = clientLimit?.limit != null && clientLimit.used >= clientLimit.limit;

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    await state.createClient(name.trim());
    setName('');
  };

  return (
    <section className="card" aria-label="Automation clients">
      <div className="card-head">
        <h2>Clients</h2>
        <button type="button" onClick={state.refresh} disabled={busy !== null}>
          Refresh
        </button>
      </div>
      <p className="hint">
        A client is one program of yours (a bot, a script, a notebook). Each has its own keys, webhooks and
        usage.{' '}
        {clientLimit && (
          <output aria-label="Client limit">
            {clientLimit.limit === null
              ? `${clientLimit.used} clients; your plan has no limit.`
              : `${clientLimit.used} of ${clientLimit.limit} clients your plan allows.`}
          </output>
        )}
      </p>
      {clients.length === 0 ? (
        <p className="empty">
          No clients yet. Name the program that will use the API and press Create client: then give it an API
          key.
        </p>
      ) : (
        <table aria-label="Clients">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Last connected</th>
              <th>Last disconnected</th>
              <th className="num" title="Stream (WebSocket) connections opened, refused ones included">
                Connection attempts
              </th>
              <th>Last error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id} className={selected?.id === c.id ? 'selected' : undefined}>
                <td>
                  {c.name}
                  {!c.isActive && <span className="badge bad"> paused</span>}
                </td>
                <td>
                  <output
                    className={`badge ${c.status === 'connected' ? 'good' : ''}`}
                    aria-label="Client status"
                  >
                    {c.status}
                  </output>
                </td>
                <td>{formatTs(c.lastConnectedAt)}</td>
                <td>{formatTs(c.lastDisconnectedAt)}</td>
                <td className="num">{c.connectionAttempts}</td>
                <td className="wrap">{c.lastError ? `${c.lastError} (${formatTs(c.lastErrorAt)})` : '—'}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-pressed={selected?.id === c.id}
                    onClick={() => state.select(c.id)}
                    aria-label={`Manage ${c.name}`}
                  >
                    Manage
                  </button>
                  <button
                    type="button"
                    onClick={() => state.setClientActive(c.id, !c.isActive)}
                    disabled={busy !== null}
                    aria-label={`${c.isActive ? 'Pause' : 'Resume'} ${c.name}`}
                  >
                    {c.isActive ? 'Pause' : 'Resume'}
                  </button>
                  <button
                    type="button"
                    onClick={() => setDeleting({ id: c.id, name: c.name })}
                    disabled={busy !== null}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" aria-label="New client" onSubmit={create}>
        <label>
          Client name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. my-python-bot"
            maxLength={80}
          />
        </label>
        <button type="submit" className="primary" disabled={busy !== null || name.trim() === ''}>
          Create client
        </button>
      </form>
      {atLimit && !state.error?.quota && (
        <p className="hint">Your plan's limit is reached: delete a client, or upgrade in Account above.</p>
      )}
      <AreaMessages state={state} area="clients" />
      {deleting && (
        <ConfirmDialog
          title={`Delete client "${deleting.name}"?`}
          message="Its API keys stop working at once, and its webhooks, deliveries and usage are deleted. The audit log keeps what happened."
          confirmLabel="Delete client"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void state.deleteClient(id);
          }}
        />
      )}
    </section>
  );
}
