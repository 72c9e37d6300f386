import type { Timeframe } from '../../../core/market/timeframes';
import type { BarColumns } from '../../../core/strategy/backtest';
import type { StrategyGraph } from '../../../core/strategy/graph';
import type { BacktestParameters } from '../../../shared/contract/strategies';
import { AppError, ErrorCode } from '../../../shared/errors';
import { TIMEFRAME_SECONDS } from '../../../shared/timeframes';
import { findBaseDataset, readCandles } from '../market';
import type { StrategiesDeps } from './deps';
import type { BacktestJobInput } from './job';
import { instrumentBySymbol, latestVersionRow, strategyRow, type VersionRow, versionRow } from './store';

type Instrument = NonNullable<ReturnType<typeof instrumentBySymbol>>;
type BaseDataset = NonNullable<ReturnType<typeof findBaseDataset>>;

/** What a backtest or an optimisation runs: the version, its graph, the instrument and its base data. */
export interface RunTarget {
  version: VersionRow;
  graph: StrategyGraph;
  instrument: Instrument;
  base: BaseDataset;
  timeframe: Timeframe;
}

/**
 * Resolves a run's version (the strategy's newest, or the one named), instrument, base data and
 * timeframe, with the error a trader can act on for each missing piece.
 */
export function resolveRunTarget(
  deps: Pick<StrategiesDeps, 'store' | 'userId'>,
  input: { strategyId?: string; versionId?: string; symbol: string; timeframe?: Timeframe },
): RunTarget {
  const { store, userId } = deps;
  const version: VersionRow = input.versionId
    ? versionRow(store, input.versionId)
    : latestVersionRow(store, strategyRow(store, userId, input.strategyId!).id);
  strategyRow(store, userId, version.strategyId);
  const graph = version.graphJson as StrategyGraph;
  const instrument = instrumentBySymbol(store, input.symbol);
  if (!instrument) {
    throw new AppError(ErrorCode.UNKNOWN_SYMBOL, `Unknown symbol "${input.symbol}"`, { field: 'symbol' });
  }
  const base = findBaseDataset(store, instrument.id);
  if (!base) {
    throw new AppError(ErrorCode.OUT_OF_DATA, `No data for ${instrument.symbol}: import candles first`, {
      field: 'symbol',
    });
  }
  const timeframe = input.timeframe ?? graph.timeframe;
  if (TIMEFRAME_SECONDS[timeframe] < TIMEFRAME_SECONDS[base.timeframe]) {
    throw new AppError(
      ErrorCode.INVALID_INPUT,
      `timeframe: ${timeframe} is finer than the ${instrument.symbol} data (${base.timeframe})`,
      { field: 'timeframe' },
    );
  }
  return { version, graph, instrument, base, timeframe };
}

/** The base candles of [from, to]; OUT_OF_DATA naming the data's span when there are none. */
export function readRunCandles(
  deps: Pick<StrategiesDeps, 'store'>,
  target: RunTarget,
  from: string,
  to: string,
) {
  const { instrument, base } = target;
  const fromTs = Math.floor(Date.parse(from) / 1000);
  const toTs = Math.floor(Date.parse(to) / 1000);
  const candles = readCandles(deps.store, {
    instrumentId: instrument.id,
    timeframe: base.timeframe,
    fromTs,
    toTs,
  });
  if (candles.length === 0) {
    throw new AppError(
      ErrorCode.OUT_OF_DATA,
      `No ${instrument.symbol} bars between ${from} and ${to} (the data runs from ${new Date(base.startTs * 1000).toISOString()} to ${new Date(base.endTs * 1000).toISOString()})`,
      { field: 'from' },
    );
  }
  return { fromTs, toTs, candles };
}

/** The job input of one backtest of `target` with these account settings and parameter overrides. */
export function backtestJobInput(
  target: RunTarget,
  parameters: Omit<BacktestParameters, 'params'>,
  params: Record<string, number>,
  bars: BarColumns,
): BacktestJobInput {
  const { graph, timeframe, base, instrument } = target;
  return {
    graph,
    params,
    timeframe,
    baseSeconds: TIMEFRAME_SECONDS[base.timeframe],
    bars,
    instrument: {
      symbol: instrument.symbol,
      digits: instrument.digits,
      pipSize: instrument.pipSize,
      contractSize: instrument.contractSize,
      baseCurrency: instrument.baseCurrency,
      quoteCurrency: instrument.quoteCurrency,
    },
    account: {
      currency: parameters.currency,
      leverage: parameters.leverage,
      spreadPts: parameters.spreadPts,
      slippagePts: parameters.slippagePts,
      commissionPerLotCents: Math.round(parameters.commissionPerLot * 100),
      stopOutPct: parameters.stopOutPct,
      quoteRate: parameters.quoteRate ?? null,
    },
    initialBalanceCents: Math.round(parameters.balance * 100),
  };
}
