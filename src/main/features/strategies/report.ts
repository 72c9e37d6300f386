import { downsampleCurve } from '../../../core/statistics/equity-curve';
import type { BacktestResult } from '../../../core/strategy/backtest';
import type { BacktestReportDto } from '../../../shared/contract/strategies';

/** What a run keeps: the session report's parts (metrics, equity, trades) and the refusals. */
export function backtestReport(result: BacktestResult): BacktestReportDto {
  return {
    summary: result.summary,
    equityCurve: downsampleCurve(result.curve),
    trades: result.trades,
    rejections: result.rejections.slice(0, 100),
    strategyBars: result.strategyBars,
  };
}
