import { useState } from 'react';
import {
  type AutomationClientDto,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryDto,
  type WebhookDto,
  type WebhookEventType,
} from '../../../../../shared/contract/automation';
import { ConfirmDialog } from '../../../shared/ConfirmDialog';
import { formatTs } from '../../../shared/format';
import type { AutomationState } from '../use-automation';
import { AreaMessages } from './AreaMessages';
import { OnceSecret } from './OnceSecret';
import { EVENT_WORDS } from './words';

const DELIVERY_TONE: Record<WebhookDeliveryDto['status'], string> = {
  delivered: 'good',
  pending: 'warn',
  failed: 'bad',
};

/** A client's webhooks: signed POSTs of the events it chose, their counters and deliveries. */
export function WebhooksCard({ state, client }: { state: AutomationState; client: AutomationClientDto }) {
  const { webhooks, newSecret, busy } = state;
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['order.filled', 'position.closed']);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((e) =>
      on ? WEBHOOK_EVENT_TYPES.filter((x) => x === type || e.includes(x)) : e.filter((x) => x !== type),
    );
  const urlOk = /^https?:\/\/\S+$/i.test(url.trim());
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    await state.createWebhook({ url, events });
    setOpen(false);
    setUrl('');
  };
  const newButton = (
    <button type="button" onClick={() => setOpen(true)} disabled={open || busy !== null}>
      New webhook
    </button>
  );

  return (
    <section className="card" aria-label="Webhooks">
      <div className="card-head">
        <h2>Webhooks of {client.name}</h2>
        {webhooks.length > 0 && newButton}
      </div>
      <p className="hint">
        Tickstep POSTs each chosen event as JSON to the URL, signed in the <code>Tickstep-Signature</code>{' '}
        header (HMAC-SHA256 of timestamp and body with the secret), and retries with growing pauses until your
        server answers 2xx. Deliveries go out while the API is on.
      </p>
      {newSecret && (
        <OnceSecret
          label="signing secret"
          value={newSecret.secret}
          keeps="Tickstep keeps it to sign deliveries and never shows it again."
          onDismiss={state.dismissSecret}
        >
          <p className="hint">Your server checks each delivery to {newSecret.url} with it.</p>
        </OnceSecret>
      )}
      {webhooks.length === 0 && !open && (
        <p className="empty">
          No webhooks for {client.name} yet. Add one to have fills, closed positions and completed sessions
          pushed to your server. {newButton}
        </p>
      )}
      {open && (
        <form aria-label="New webhook" onSubmit={submit}>
          <label>
            Webhook URL
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://example.com/tickstep-hook"
              spellCheck={false}
            />
          </label>
          <fieldset className="checks">
            <legend>Events to send</legend>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label className="checkbox" key={type}>
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                />
                {EVENT_WORDS[type]} <code>{type}</code>
              </label>
            ))}
          </fieldset>
          {url !== '' && !urlOk && <p className="hint">The URL starts with http:// or https://.</p>}
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy !== null || !urlOk || events.length === 0}
            >
              Add webhook
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {webhooks.map((w) => (
        <WebhookBlock
          key={w.id}
          webhook={w}
          deliveries={state.deliveries.filter((d) => d.webhookId === w.id)}
          state={state}
          onDelete={() => setDeleting(w)}
        />
      ))}
      <AreaMessages state={state} area="webhooks" />
      {deleting && (
        <ConfirmDialog
          title="Delete this webhook?"
          message={`Nothing more is sent to ${deleting.url}, and its deliveries are deleted.`}
          confirmLabel="Delete webhook"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void state.deleteWebhook(id);
          }}
        />
      )}
    </section>
  );
}

function WebhookBlock(props: {
  webhook: WebhookDto;
  deliveries: WebhookDeliveryDto[];
  state: AutomationState;
  onDelete: () => void;
}) {
  const { webhook: w, deliveries, state } = props;
  const busy = state.busy !== null;
  const sendTest = (
    <button type="button" onClick={() => state.sendTest(w.id)} disabled={busy}>
      Send test event
    </button>
  );
  return (
    <section className="webhook" aria-label={`Webhook ${w.url}`}>
      <div className="card-head">
        <h3 className="mono">{w.url}</h3>
        <span className={`badge ${w.isActive ? 'good' : 'warn'}`}>{w.isActive ? 'active' : 'paused'}</span>
      </div>
      <p className="hint">
        Events: {w.events.map((e) => EVENT_WORDS[e as WebhookEventType] ?? e).join(', ')}
      </p>
      <dl className="counters">
        <dt>Sent</dt>
        <dd>
          <output aria-label="Total sent">{w.totalSent}</output>
        </dd>
        <dt>Failed</dt>
        <dd>
          <output aria-label="Total failed">{w.totalFailed}</output>
        </dd>
        <dt>Last sent</dt>
        <dd>{formatTs(w.lastSentAt)}</dd>
        <dt>Last failure</dt>
        <dd>{w.lastFailedAt === null ? '—' : `${formatTs(w.lastFailedAt)}: ${w.lastError ?? ''}`}</dd>
      </dl>
      <div className="actions">
        {deliveries.length > 0 && sendTest}
        <button type="button" onClick={() => state.setWebhookActive(w.id, !w.isActive)} disabled={busy}>
          {w.isActive ? 'Pause' : 'Resume'}
        </button>
        <button type="button" onClick={props.onDelete} disabled={busy}>
          Delete
        </button>
      </div>
      {deliveries.length === 0 ? (
        <p className="empty">
          No deliveries yet. Press {sendTest} to check that your server receives and verifies them.
        </p>
      ) : (
        <table aria-label="Deliveries">
          <thead>
            <tr>
              <th>Queued</th>
              <th>Event</th>
              <th>Status</th>
              <th className="num">Attempts</th>
              <th>Answer</th>
              <th>Last error</th>
              <th>Delivered</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.slice(0, 20).map((d) => (
              <tr key={d.id}>
                <td>{formatTs(d.createdAt)}</td>
                <td>{d.eventType}</td>
                <td>
                  <output className={`badge ${DELIVERY_TONE[d.status]}`} aria-label="Delivery status">
                    {d.status}
                  </output>
                </td>
                <td className="num">{d.attempts}</td>
                <td>{d.lastStatusCode ?? '—'}</td>
                <td className="wrap">{d.lastError ?? '—'}</td>
                <td>{formatTs(d.deliveredAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
