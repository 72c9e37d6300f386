import type { Handlers } from '../../shared/contract';
import type { marketMethods } from '../../shared/contract/market';
import { AppError, ErrorCode } from '../../shared/errors';
import type { ServiceContext } from './context';

export type MarketHandlers = Pick<Handlers, keyof typeof marketMethods>;

// PLACEHOLDER: replaced by the import/datasets/candles services (issue 3 work in progress).
export function createMarketHandlers(_ctx: ServiceContext): { handlers: MarketHandlers; dispose(): void } {
  const todo = (): never => {
    throw new AppError(ErrorCode.INTERNAL, 'not built yet');
  };
  return {
    handlers: {
      'instruments:list': todo,
      'import:start': todo,
      'import:cancel': todo,
      'import:run': todo,
      'datasets:list': todo,
      'datasets:delete': todo,
      'candles:list': todo,
    },
    dispose: () => {},
  };
}
