import type { Handlers } from '../../shared/contract';
import type { automationMethods } from '../../shared/contract/automation';
import type { AppInfoDto } from '../../shared/dto';
import { createAccountHandlers } from './account-handlers';
import type { ServiceContext } from './context';
import { createMarketHandlers } from './market-handlers';
import { createOnlineHandlers } from './online-handlers';
import { createReportHandlers } from './report-handlers';
import { createStudiesHandlers } from './studies-handlers';
import { createTradingHandlers } from './trading-handlers';
import { createUpdatesHandlers } from './updates-handlers';

/** Binds every contract method to its service. The type makes a missing method a compile error. */
export function createHandlers(
  ctx: ServiceContext,
  info: AppInfoDto,
): { handlers: Omit<Handlers, keyof typeof automationMethods>; dispose(): void } {
  const market = createMarketHandlers(ctx);
  const trading = createTradingHandlers(ctx);
  const studies = createStudiesHandlers(ctx);
  const reports = createReportHandlers(ctx);
  const handlers: Omit<Handlers, keyof typeof automationMethods> = {
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
