import { mulberry32 } from '../../../core/random/mulberry32';
import { MONTE_CARLO_PERCENTILES, monteCarlo } from '../../../core/strategy/monte-carlo';
import type { MethodParsedInput } from '../../../shared/contract';
import { MONTE_CARLO_MAX_STEPS, type MonteCarloDto } from '../../../shared/contract/strategies';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { BacktestService } from './backtests';

/**
 * Monte Carlo on a completed run's closed trades, in the calling thread: 10,000 paths of 500
 * trades take well under a second, and the step cap keeps a huge request from holding it longer.
 */
export function runMonteCarlo(
  backtests: BacktestService,
  input: MethodParsedInput<'backtests:monte-carlo'>,
): MonteCarloDto {
  const run = backtests.get(input.runId);
  if (run.status !== 'completed' || !run.report) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `Run ${run.id} is ${run.status}: Monte Carlo needs a completed run`,
      {
        field: 'runId',
      },
    );
  }
  const trades = [...run.report.trades].sort((a, b) => a.closedTs - b.closedTs || a.openedTs - b.openedTs);
  if (trades.length === 0) {
    throw new AppError(ErrorCode.INVALID_INPUT, `runId: run ${run.id} closed no trades to reshuffle`, {
      field: 'runId',
    });
  }
  if (input.paths * trades.length > MONTE_CARLO_MAX_STEPS) {
    const most = Math.floor(MONTE_CARLO_MAX_STEPS / trades.length);
    throw new AppError(
      ErrorCode.INVALID_INPUT,
      `paths: at most ${most.toLocaleString('en-US')} paths for ${trades.length.toLocaleString('en-US')} trades`,
      { field: 'paths' },
    );
  }
  const initialCents = Math.round(run.parameters.balance * 100);
  const result = monteCarlo({
    tradeCents: trades.map((t) => t.realizedCents),
    initialCents,
    paths: input.paths,
    mode: input.mode,
    random: mulberry32(input.seed),
    ruinCents: Math.round(initialCents * (1 - input.ruinPct / 100)),
  });
  return {
    ...result,
    runId: run.id,
    initialCents,
    ruinPct: input.ruinPct,
    seed: input.seed,
    percentiles: [...MONTE_CARLO_PERCENTILES],
  };
}
