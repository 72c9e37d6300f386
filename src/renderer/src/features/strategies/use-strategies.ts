import { useCallback, useEffect, useState } from 'react';
import type { BacktestRunDto, StrategyDto, StrategyVersionDto } from '../../../../shared/contract/strategies';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import type { BuilderTarget } from './use-builder';

/**
 * The Strategies page's state and contract calls: the list, the chosen strategy's versions and
 * backtest runs, the report opened, and which strategy and version the builder edits.
 */
export function useStrategies() {
  const [strategies, setStrategies] = useState<StrategyDto[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [versions, setVersions] = useState<StrategyVersionDto[]>([]);
  const [runs, setRuns] = useState<BacktestRunDto[]>([]);
  const [report, setReport] = useState<BacktestRunDto | null>(null);
  const [builder, setBuilder] = useState<BuilderTarget | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setStrategies(await api['strategies:list']({}));
    setLoaded(true);
  }, []);

  useEffect(() => {
    reload().catch((e) => setError(errorMessage(e)));
  }, [reload]);

  const choose = useCallback(async (strategyId: string) => {
    setError(null);
    setChosenId(strategyId);
    setReport(null);
    try {
      const [v, r] = await Promise.all([
        api['strategies:list-versions']({ strategyId }),
        api['backtests:list']({ strategyId }),
      ]);
      setVersions(v);
      setRuns(r);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  const openBuilder = async (strategyId: string | null, versionId?: string) => {
    setError(null);
    if (strategyId === null) {
      setBuilder({ strategy: null, version: null });
      return;
    }
    try {
      const strategy = await api['strategies:get']({ strategyId });
      const version = versionId
        ? (await api['strategies:list-versions']({ strategyId })).find((v) => v.id === versionId)
        : strategy.version;
      setBuilder({ strategy, version: version ?? strategy.version });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  /** Back from the builder: the list again, with the strategy it saved chosen. */
  const closeBuilder = async (savedStrategyId: string | null) => {
    setBuilder(null);
    try {
      await reload();
      const id = savedStrategyId ?? chosenId;
      if (id) await choose(id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const openReport = async (runId: string) => {
    try {
      setReport(await api['backtests:get']({ runId }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  /** A run started elsewhere on the page (an optimised set): listed with the others, its report open. */
  const openRunReport = async (runId: string) => {
    try {
      if (chosenId) setRuns(await api['backtests:list']({ strategyId: chosenId }));
      setReport(await api['backtests:get']({ runId }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const archive = async (strategyId: string) => {
    try {
      await api['strategies:archive']({ strategyId });
      if (chosenId === strategyId) setChosenId(null);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return {
    strategies,
    loaded,
    chosen: strategies.find((s) => s.id === chosenId) ?? null,
    choose,
    versions,
    runs,
    report,
    setReport,
    openReport,
    openRunReport,
    builder,
    openBuilder,
    closeBuilder,
    archive,
    error,
  };
}
