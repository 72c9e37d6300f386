import type { Handlers } from '../../../shared/contract';
import type { onlineMethods } from '../../../shared/contract/online';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { ServiceContext } from '../../app/context';

export type OnlineHandlers = Pick<Handlers, keyof typeof onlineMethods>;

/** `settings:*`, the account on the hosted server and the support outbox. */
export function createOnlineHandlers(ctx: ServiceContext): OnlineHandlers {
  const online = () => {
    if (!ctx.online)
      throw new AppError(ErrorCode.INTERNAL, 'Online services are not set up in this context.');
    return ctx.online;
  };
  return {
    'settings:get': () => online().settings.get(),
    'settings:save': (input) => {
      const { settings, account, support } = online();
      const saved = settings.save(input);
      account.serverChanged();
      support.kick();
      return saved;
    },
    'account:status': () => online().account.status(),
    'account:sign-in': async (input) => {
      const result = await online().account.signIn(input);
      if (result.status === 'signed-in') online().support.kick();
      return result;
    },
    'account:magic-link-request': (input) => online().account.requestMagicLink(input.email),
    'account:magic-link-verify': async (input) => {
      const result = await online().account.verifyMagicLink(input);
      if (result.status === 'signed-in') online().support.kick();
      return result;
    },
    'account:sign-out': () => online().account.signOut(),
    'account:devices': () => online().account.devices(),
    'account:checkout': (input) => online().account.checkout(input.planCode),
    'account:refresh': () => online().account.refresh(),
    'support:list': () => online().support.list(),
    'support:get': (input) => online().support.get(input.requestId),
    'support:create': (input) => online().support.create(input),
    'support:reply': (input) => online().support.reply(input),
    'support:sync-now': () => online().support.syncNow(),
  };
}
