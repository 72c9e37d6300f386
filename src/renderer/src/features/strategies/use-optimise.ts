import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Timeframe } from '../../../../core/market/timeframes';
import type { ParamSet, SetResult } from '../../../../core/strategy/optimise';
import type {
  OBJECTIVE_NAMES,
  OptimisationProgressDto,
  OptimisationRunDto,
} from '../../../../shared/contract/optimisations';
import type { BacktestProgressDto, StrategyVersionDto } from '../../../../shared/contract/strategies';
import type { DatasetDto } from '../../../../shared/dto';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';

export type OptimiseMode = 'optimise' | 'walk-forward' | 'split';

export interface OptimiseForm {
  versionId: string;
  symbol: string;
  /** datetime-local text, read as UTC. */
  from: string;
  to: string;
  balance: number;
  method: 'grid' | 'random';
  samples: number;
  seed: number;
  objective: (typeof OBJECTIVE_NAMES)[number];
  /** Empty text: no constraint. */
  maxDrawdownPct: string;
  minTrades: string;
  mode: OptimiseMode;
  windows: number;
  inSamplePct: number;
}

/** A results column: a parameter, the score, or one of the set's figures. */
export type SortKey = { param: string } | { metric: keyof SetResult['metrics'] | 'objective' };

const localInput = (ts: number) => formatTs(ts).replace(' ', 'T');
const isoOf = (local: string) => `${local.length === 16 ? `${local}:00` : local}Z`;
const ended = (status: string) => status !== 'running' && status !== 'queued';

function sortValue(r: SetResult, key: SortKey): number | null {
  if ('param' in key) return r.params[key.param] ?? null;
  return key.metric === 'objective' ? r.objective : r.metrics[key.metric];
}

/**
 * A strategy's optimisations: the form, the run under way with its progress and cancel, the
 * results sorted by any column, the heatmap's two axes, walk-forward windows, and "backtest this
 * set", which runs one normal backtest and hands its id to `onReport`.
 */
export function useOptimise(
  strategyId: string,
  versions: StrategyVersionDto[],
  onReport: (runId: string) => void,
) {
  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [form, setForm] = useState<OptimiseForm | null>(null);
  const [run, setRun] = useState<OptimisationRunDto | null>(null);
  const [progress, setProgress] = useState<OptimisationProgressDto | null>(null);
  const [history, setHistory] = useState<OptimisationRunDto[]>([]);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: { metric: 'objective' },
    descending: true,
  });
  const [axes, setAxes] = useState<{ x: string; y: string } | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = versions[0];

  useEffect(() => {
    let live = true;
    api['datasets:list']({}).then(
      (all) => {
        if (!live) return;
        const active = all.filter((d) => d.isActive && d.timeframe !== 'TICK');
        setDatasets(active);
        const first = active[0];
        if (first && latest)
          setForm(
            (f) =>
              f ?? {
                versionId: latest.id,
                symbol: first.symbol,
                from: localInput(first.startTs),
                to: localInput(first.endTs),
                balance: 10_000,
                method: 'grid',
                samples: 50,
                seed: 1,
                objective: 'net-profit',
                maxDrawdownPct: '',
                minTrades: '',
                mode: 'optimise',
                windows: 4,
                inSamplePct: 75,
              },
          );
      },
      (e) => live && setError(errorMessage(e)),
    );
    api['optimisations:list']({ strategyId }).then(
      (list) => live && setHistory(list),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [strategyId, latest]);

  const pickSymbol = (symbol: string) => {
    const d = datasets.find((x) => x.symbol === symbol);
    setForm((f) =>
      f ? { ...f, symbol, ...(d ? { from: localInput(d.startTs), to: localInput(d.endTs) } : {}) } : f,
    );
  };

  const open = useCallback(
    async (runId: string) => {
      try {
        const r = await api['optimisations:get']({ runId });
        setRun(r);
        setAxes(r.paramNames.length >= 2 ? { x: r.paramNames[0]!, y: r.paramNames[1]! } : null);
        if (ended(r.status)) setHistory(await api['optimisations:list']({ strategyId }));
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [strategyId],
  );

  // One listener from the start: a short run can end before its id is known here.
  const runIdRef = useRef<string | null>(null);
  const lastProgress = useRef(new Map<string, OptimisationProgressDto>());
  const onProgress = useCallback(
    (p: OptimisationProgressDto) => {
      setProgress(p);
      if (ended(p.status)) void open(p.runId);
    },
    [open],
  );
  useEffect(
    () =>
      client.on('optimisations:progress', (p) => {
        lastProgress.current.set(p.runId, p);
        if (p.runId === runIdRef.current) onProgress(p);
      }),
    [onProgress],
  );

  const start = async () => {
    if (!form) return;
    setError(null);
    setProgress(null);
    try {
      const optional = (key: string, text: string) => (text.trim() === '' ? {} : { [key]: Number(text) });
      const started = await api['optimisations:start']({
        versionId: form.versionId,
        symbol: form.symbol,
        from: isoOf(form.from),
        to: isoOf(form.to),
        method: form.method,
        ...(form.method === 'random' ? { samples: form.samples, seed: form.seed } : {}),
        objective: form.objective,
        ...optional('maxDrawdownPct', form.maxDrawdownPct),
        ...optional('minTrades', form.minTrades),
        ...(form.mode === 'optimise'
          ? {}
          : {
              walkForward: {
                windows: form.mode === 'split' ? 1 : form.windows,
                inSamplePct: form.inSamplePct,
              },
            }),
        parameters: { balance: form.balance },
      });
      runIdRef.current = started.id;
      setRun(started);
      setAxes(
        started.paramNames.length >= 2 ? { x: started.paramNames[0]!, y: started.paramNames[1]! } : null,
      );
      const seen = lastProgress.current.get(started.id);
      if (seen) onProgress(seen);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const cancel = async () => {
    if (!run) return;
    try {
      setRun(await api['optimisations:cancel']({ runId: run.id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const sorted = useMemo(() => {
    if (!run?.results) return [];
    const rows = run.results.map((r, index) => ({ ...r, index }));
    rows.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      // Unscored figures sink to the bottom whichever way the column is sorted.
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      return (sort.descending ? y - x : x - y) || a.index - b.index;
    });
    return rows;
  }, [run, sort]);

  const sortBy = (key: SortKey) =>
    setSort((s) => ({
      key,
      descending: JSON.stringify(s.key) === JSON.stringify(key) ? !s.descending : true,
    }));

  // Backtest progress events arrive for every run; the one started here is awaited by id.
  const backtestSet = async (params: ParamSet) => {
    if (!run) return;
    setError(null);
    const key = JSON.stringify(params);
    setTesting(key);
    const done = new Map<string, BacktestProgressDto>();
    let wanted: string | null = null;
    let resolveEnd: (() => void) | null = null;
    const stop = client.on('backtests:progress', (p) => {
      if (!ended(p.status)) return;
      done.set(p.runId, p);
      if (p.runId === wanted) resolveEnd?.();
    });
    try {
      const started = await api['backtests:start']({
        versionId: run.strategyVersionId,
        symbol: run.symbol,
        from: new Date(run.fromTs * 1000).toISOString(),
        to: new Date(run.toTs * 1000).toISOString(),
        timeframe: run.timeframe as Timeframe,
        parameters: { ...run.settings.parameters, params },
      });
      wanted = started.id;
      if (!ended(started.status) && !done.has(started.id)) {
        await new Promise<void>((resolve) => {
          resolveEnd = resolve;
        });
      }
      onReport(started.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      stop();
      setTesting(null);
    }
  };

  return {
    datasets,
    form,
    setForm,
    pickSymbol,
    run,
    progress,
    history,
    open,
    start,
    cancel,
    sorted,
    sort,
    sortBy,
    axes,
    setAxes,
    backtestSet,
    testing,
    error,
  };
}

export type Optimise = ReturnType<typeof useOptimise>;
