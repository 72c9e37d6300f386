import type { Handlers } from '../../../shared/contract';
import type { optimisationsMethods } from '../../../shared/contract/optimisations';
import type { strategiesMethods } from '../../../shared/contract/strategies';
import { createGated } from '../plan';
import { BacktestService } from './backtests';
import type { StrategiesDeps } from './deps';
import { runMonteCarlo } from './monte-carlo';
import { OptimisationService } from './optimisations';
import { StrategyService } from './strategies';

export type StrategiesHandlers = Pick<
  Handlers,
  keyof typeof strategiesMethods | keyof typeof optimisationsMethods
>;

/** Binds the strategies and backtests methods to their services; starting a run is plan-gated. */
export function createStrategiesHandlers(deps: StrategiesDeps): {
  handlers: StrategiesHandlers;
  backtests: BacktestService;
  optimisations: OptimisationService;
  dispose(): void;
} {
  const strategies = new StrategyService(deps);
  const backtests = new BacktestService(deps);
  const optimisations = new OptimisationService(deps);
  const gated = createGated(deps.quotas);
  return {
    handlers: {
      'strategies:list': ({ includeArchived }) => strategies.list(includeArchived),
      'strategies:create': (input) => strategies.create(input),
      'strategies:save-version': (input) => strategies.saveVersion(input),
      'strategies:get': ({ strategyId }) => strategies.get(strategyId),
      'strategies:list-versions': ({ strategyId }) => strategies.listVersions(strategyId),
      'strategies:archive': ({ strategyId }) => strategies.archive(strategyId),
      'backtests:start': gated('backtests', (input) => backtests.start(input)),
      'backtests:get': ({ runId }) => backtests.get(runId),
      'backtests:list': ({ strategyId }) => backtests.list(strategyId),
      'backtests:cancel': ({ runId }) => backtests.cancel(runId),
      'backtests:monte-carlo': (input) => runMonteCarlo(backtests, input),
      'optimisations:start': (input) => optimisations.start(input),
      'optimisations:get': ({ runId }) => optimisations.get(runId),
      'optimisations:list': ({ strategyId }) => optimisations.list(strategyId),
      'optimisations:cancel': ({ runId }) => optimisations.cancel(runId),
    },
    backtests,
    optimisations,
    dispose: () => {
      backtests.dispose();
      optimisations.dispose();
    },
  };
}
