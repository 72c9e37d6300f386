import type { Handlers } from '../../shared/contract';
import type { AppInfoDto } from '../../shared/dto';
import type { AutomationHandlers } from '../features/automation';
import { createBlindHandlers, maskBlindSessions } from '../features/blind';
import { ChallengeWatchers, createChallengesHandlers } from '../features/challenges';
import { createMarketHandlers } from '../features/market';
import type { OnboardingHandlers } from '../features/onboarding';
import { createOnlineHandlers } from '../features/online';
import { createPlanHandlers } from '../features/plan';
import { createPracticeHandlers, type PracticeService } from '../features/practice';
import { createReportHandlers } from '../features/reports';
import { createStrategiesHandlers } from '../features/strategies';
import { createStudiesHandlers } from '../features/studies';
import { createTradingHandlers } from '../features/trading';
import { createUpdatesHandlers } from '../features/updates';
import type { AppContext } from './context';

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void
  ? I
  : never;

/**
 * Merges the features' handler maps into one. Two features claiming one method name is a wiring
 * bug that would silently shadow a handler, so it throws at start-up instead.
 */
export function combine<P extends object[]>(...parts: P): Intersection<P[number]> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`Two features handle the contract method "${name}"`);
      merged[name] = handler;
    }
  }
  return merged as Intersection<P[number]>;
}

/**
 * Every feature's handlers; the `Handlers` type makes a contract method without one a compile error.
 * Automation's and onboarding's handlers come in made: those features also wrap the dispatcher
 * built from these. Blind sessions are masked around all of them, so no method can leak one.
 */
export function createHandlers(
  ctx: AppContext,
  info: AppInfoDto,
  automation: AutomationHandlers,
  onboarding: OnboardingHandlers,
): { handlers: Handlers; dispose(): void; practice: PracticeService } {
  const market = createMarketHandlers(ctx);
  // Challenges follow their sessions' engines tick by tick: trading asks for each session's watch.
  const trading = createTradingHandlers(ctx, { watchers: new ChallengeWatchers(ctx) });
  const challenges = createChallengesHandlers(ctx, trading.services);
  const studies = createStudiesHandlers(ctx);
  const reports = createReportHandlers(ctx);
  const strategies = createStrategiesHandlers(ctx);
  const practice = createPracticeHandlers(ctx);
  const handlers: Handlers = maskBlindSessions(
    combine(
      { 'app:get-info': () => info } satisfies Pick<Handlers, 'app:get-info'>,
      market.handlers,
      trading.handlers,
      studies.handlers,
      reports.handlers,
      challenges.handlers,
      strategies.handlers,
      createUpdatesHandlers(ctx),
      createPlanHandlers(ctx),
      createOnlineHandlers(ctx.online),
      automation,
      onboarding,
      createBlindHandlers(ctx, trading.services),
      practice.handlers,
    ),
    ctx.blind,
  );
  return {
    handlers,
    practice: practice.service,
    dispose: () => {
      practice.dispose();
      trading.dispose();
      reports.dispose();
      strategies.dispose();
      market.dispose();
    },
  };
}
