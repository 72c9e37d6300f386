import type { AutomationClientDto } from '../../../../../shared/contract/automation';
import { formatTs } from '../../../shared/format';
import type { AutomationState } from '../use-automation';

/** A client's usage per UTC day (and this month), then the audit log of every client. */
export function UsageCard({ state, client }: { state: AutomationState; client: AutomationClientDto }) {
  const { usage, settings, busy } = state;
  const month = usage.monthly[0];
  return (
    <section className="card" aria-label="Client usage">
      <h2>Usage of {client.name}</h2>
      {usage.daily.length === 0 ? (
        settings?.running ? (
          <p className="empty">
            No API calls from {client.name} in the last 14 days. Give the program a key and point it at{' '}
            <a href={`${settings.url}/docs`} target="_blank" rel="noreferrer">
              the API reference
            </a>
            .
          </p>
        ) : (
          <p className="empty">
            No API calls from {client.name} in the last 14 days: the API is off.{' '}
            <button type="button" onClick={() => state.setEnabled(true)} disabled={busy !== null}>
              Turn the API on
            </button>
          </p>
        )
      ) : (
        <table aria-label="Usage per day">
          <thead>
            <tr>
              <th>Day (UTC)</th>
              <th className="num">API calls</th>
              <th className="num">Orders sent</th>
              <th className="num">Failed requests</th>
              <th className="num">Events delivered</th>
            </tr>
          </thead>
          <tbody>
            {usage.daily.map((u) => (
              <tr key={u.period}>
                <td>{u.period}</td>
                <td className="num">{u.apiCalls}</td>
                <td className="num">{u.ordersSent}</td>
                <td className="num">{u.failedRequests}</td>
                <td className="num">{u.eventsDelivered}</td>
              </tr>
            ))}
          </tbody>
          {month && (
            <tfoot>
              <tr>
                <th>Month {month.period}</th>
                <th className="num">{month.apiCalls}</th>
                <th className="num">{month.ordersSent}</th>
                <th className="num">{month.failedRequests}</th>
                <th className="num">{month.eventsDelivered}</th>
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}

const ACTION_WORDS: Record<string, string> = {
  'api.enabled': 'API turned on',
  'api.disabled': 'API turned off',
  'client.created': 'Client created',
  'client.updated': 'Client changed',
  'client.deleted': 'Client deleted',
  'client.connected': 'Client connected',
  'client.disconnected': 'Client disconnected',
  'key.created': 'Key created',
  'key.updated': 'Key changed',
  'key.permissions-changed': 'Key scopes changed',
  'key.revoked': 'Key revoked',
  'webhook.created': 'Webhook added',
  'webhook.updated': 'Webhook changed',
  'webhook.deleted': 'Webhook deleted',
};

function detailText(details: Record<string, unknown> | null): string {
  if (!details) return '';
  const parts: string[] = [];
  for (const key of ['name', 'prefix', 'keyPrefix', 'url', 'via']) {
    const value = details[key];
    if (typeof value === 'string') parts.push(value);
  }
  const scopes = details.scopes;
  if (Array.isArray(scopes)) parts.push(scopes.join(', '));
  return parts.join(' · ');
}

export function AuditCard({ state }: { state: AutomationState }) {
  const { audit, clients } = state;
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return (
    <section className="card" aria-label="Audit log">
      <h2>Audit log</h2>
      <p className="hint">
        Every change to the API, clients, keys and webhooks, and every client connection (newest first, the
        last 50).
      </p>
      {audit.length === 0 ? (
        <p className="empty">
          Nothing recorded yet: turning the API on or creating a client is the first entry.
        </p>
      ) : (
        <table aria-label="Audit entries">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Action</th>
              <th>Client</th>
              <th>Address</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {audit.map((a) => (
              <tr key={a.id}>
                <td>{formatTs(a.ts)}</td>
                <td>{ACTION_WORDS[a.action] ?? a.action}</td>
                <td>{a.clientId ? (names.get(a.clientId) ?? 'deleted client') : '—'}</td>
                <td className="mono">{a.ipAddress ?? '—'}</td>
                <td className="wrap">{detailText(a.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
