import type { Handlers } from '../../../shared/contract';
import type { onlineMethods } from '../../../shared/contract/online';
import type { OnlineDeps } from './deps';

export type OnlineHandlers = Pick<Handlers, keyof typeof onlineMethods>;

/**
 * `settings:*`, the account on the hosted server and the support outbox. A new server or a fresh
 * sign-in kicks the outbox, so messages written while signed out go without waiting for the timer.
 */
export function createOnlineHandlers({ settings, account, support }: OnlineDeps): OnlineHandlers {
  return {
    'settings:get': () => settings.get(),
    'settings:save': (input) => {
      const saved = settings.save(input);
      account.serverChanged();
      support.kick();
      return saved;
    },
    'account:status': () => account.status(),
    'account:sign-in': async (input) => {
      const result = await account.signIn(input);
      if (result.status === 'signed-in') support.kick();
      return result;
    },
    'account:magic-link-request': (input) => account.requestMagicLink(input.email),
    'account:magic-link-verify': async (input) => {
      const result = await account.verifyMagicLink(input);
      if (result.status === 'signed-in') support.kick();
      return result;
    },
    'account:sign-out': () => account.signOut(),
    'account:devices': () => account.devices(),
    'account:checkout': (input) => account.checkout(input.planCode),
    'account:challenge-checkout': (input) => account.challengeCheckout(input.templateId, input.kind),
    'account:refresh': () => account.refresh(),
    'support:list': () => support.list(),
    'support:get': (input) => support.get(input.requestId),
    'support:create': (input) => support.create(input),
    'support:reply': (input) => support.reply(input),
    'support:sync-now': () => support.syncNow(),
  };
}
