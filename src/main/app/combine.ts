import type { Handlers } from '../../shared/contract';
import type { AppInfoDto } from '../../shared/dto';
import { createMarketHandlers } from '../features/market/handlers';
import { createOnlineHandlers } from '../features/online/handlers';
import { createAccountHandlers } from '../features/plan/handlers';
import { createReportHandlers } from '../features/reports/handlers';
import { createStudiesHandlers } from '../features/studies/handlers';
import { createTradingHandlers } from '../features/trading/handlers';
import { createUpdatesHandlers } from '../features/updates/handlers';
import type { ServiceContext } from './context';

/** Binds every contract method to its service. The type makes a missing method a compile error. */
export function createHandlers(
  ctx: ServiceContext,
  info: AppInfoDto,
): { handlers: Handlers; dispose(): void } {
  const market = createMarketHandlers(ctx);
  const trading = createTradingHandlers(ctx);
  const studies = createStudiesHandlers(ctx);
  const reports = createReportHandlers(ctx);
  const handlers: Handlers = {
    'app:get-info': () => info,
    ...market.handlers,
    ...trading.handlers,
    ...studies.handlers,
    ...reports.handlers,
    ...createUpdatesHandlers(ctx, info.version),
    ...createAccountHandlers(ctx),
    ...createOnlineHandlers(ctx),
  };
  return {
    handlers,
    dispose: () => {
      trading.dispose();
      reports.dispose();
      market.dispose();
    },
  };
}
