import type { Handlers } from '../../../shared/contract';
import type { automationMethods } from '../../../shared/contract/automation';
import type { Gated } from '../plan';
import type { Management } from './management';

export type AutomationHandlers = Pick<Handlers, keyof typeof automationMethods>;

/** Wires the `automation:*` contract methods to the management service; creating a client is gated by the plan. */
export function createAutomationHandlers(m: Management, gated: Gated): AutomationHandlers {
  return {
    'automation:get-settings': () => m.getSettings(),
    'automation:set-enabled': (input) => m.setEnabled(input),
    'automation:list-clients': () => m.listClients(),
    'automation:create-client': gated('automation-clients', (input) => m.createClient(input)),
    'automation:update-client': (input) => m.updateClient(input),
    'automation:delete-client': (input) => m.deleteClient(input),
    'automation:list-keys': (input) => m.listKeys(input),
    'automation:create-key': (input) => m.createKey(input),
    'automation:update-key': (input) => m.updateKey(input),
    'automation:revoke-key': (input) => m.revokeKey(input),
    'automation:list-webhooks': (input) => m.listWebhooks(input),
    'automation:create-webhook': (input) => m.createWebhook(input),
    'automation:update-webhook': (input) => m.updateWebhook(input),
    'automation:delete-webhook': (input) => m.deleteWebhook(input),
    'automation:test-webhook': (input) => m.testWebhook(input),
    'automation:list-deliveries': (input) => m.listDeliveries(input),
    'automation:usage': (input) => m.usage(input),
    'automation:audit-log': (input) => m.auditLog(input),
  };
}
