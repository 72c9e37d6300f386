import { useAutomation } from '../use-automation';
import { ApiKeysCard } from './ApiKeysCard';
import { ApiServerCard } from './ApiServerCard';
import { ClientsCard } from './ClientsCard';
import { AuditCard, UsageCard } from './UsageAuditCard';
import { WebhooksCard } from './WebhooksCard';
import './automation.css';

/** Settings → Automation API: the server, the clients, and the chosen client's keys, webhooks and usage. */
export function AutomationSection() {
  const state = useAutomation();
  const { selected } = state;
  return (
    <section className="automation" aria-labelledby="automation-title">
      <h2 id="automation-title" className="section-title">
        Automation API
      </h2>
      <ApiServerCard state={state} />
      <ClientsCard state={state} />
      {selected && (
        <>
          <ApiKeysCard state={state} client={selected} />
          <WebhooksCard state={state} client={selected} />
        </>
      )}
      {selected && <UsageCard state={state} client={selected} />}
      <AuditCard state={state} />
    </section>
  );
}
