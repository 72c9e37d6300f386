import type { Handlers } from '../../../shared/contract';
import type { accountMethods } from '../../../shared/contract/account';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { ServiceContext } from '../../app/context';

export type AccountHandlers = Pick<Handlers, keyof typeof accountMethods>;

/** `account:*`: the plan in force, the licence state and usage against the plan's limits. */
export function createAccountHandlers(ctx: ServiceContext): AccountHandlers {
  return {
    'account:get-plan': () => {
      if (!ctx.quotas)
        throw new AppError(ErrorCode.INTERNAL, 'Plans and quotas are not set up in this context.');
      return ctx.quotas.plan();
    },
  };
}
