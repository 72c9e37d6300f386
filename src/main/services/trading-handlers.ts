import type { Handlers } from '../../shared/contract';
import type { tradingMethods } from '../../shared/contract/trading';
import { AppError, ErrorCode } from '../../shared/errors';
import type { ServiceContext } from './context';

export type TradingHandlers = Pick<Handlers, keyof typeof tradingMethods>;

// PLACEHOLDER: replaced by the session, replay and order services (issue 4 work in progress).
export function createTradingHandlers(_ctx: ServiceContext): { handlers: TradingHandlers; dispose(): void } {
  const todo = (): never => {
    throw new AppError(ErrorCode.INTERNAL, 'not built yet');
  };
  return {
    handlers: {
      'sessions:create': todo,
      'sessions:list': todo,
      'sessions:get': todo,
      'sessions:delete': todo,
      'replay:snapshot': todo,
      'replay:step': todo,
      'replay:play': todo,
      'replay:pause': todo,
      'orders:place': todo,
      'positions:close': todo,
      'ledger:list': todo,
    },
    dispose: () => {},
  };
}
