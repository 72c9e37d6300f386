import { TIMEFRAMES, type Timeframe } from '../../core/market/timeframes';
import type { SetResult } from '../../core/strategy/optimise';
import {
  OBJECTIVE_NAMES,
  type OptimisationProgressDto,
  type OptimisationRunDto,
} from '../../shared/contract/optimisations';
import { AppError, ErrorCode } from '../../shared/errors';
import type { TickstepApp } from '../app/open-app';
import { callMethod } from './call';
import { type CliCommand, type CliIo, stringFlag } from './command';
import { isoUtc, parseIsoFlag } from './iso-time';
import { metricsOut, stringifyWithMoney } from './replay';
import { strategyFrom } from './strategies-command';

function waitForEnd(app: TickstepApp, run: OptimisationRunDto, io: CliIo, quiet: boolean): Promise<void> {
  if (run.status !== 'running' && run.status !== 'queued') return Promise.resolve();
  let lastPrint = 0;
  return new Promise((resolve) => {
    const stop = app.events.subscribe((name, payload) => {
      if (name !== 'optimisations:progress') return;
      const p = payload as OptimisationProgressDto;
      if (p.runId !== run.id) return;
      const now = performance.now();
      if (!quiet && p.status === 'running' && now - lastPrint > 1000) {
        lastPrint = now;
        io.err(
          `${p.percent.toFixed(1)} %  ${p.setsDone}/${p.setsTotal} backtests  ETA ${p.etaSeconds ?? '?'} s`,
        );
      }
      if (p.status !== 'running') {
        stop();
        resolve();
      }
    });
  });
}

const fmt = (v: number | null, digits = 2) => (v === null ? '-' : v.toFixed(digits));
const scoreText = (r: SetResult, objective: string) =>
  objective === 'net-profit' && r.objective !== null ? (r.objective / 100).toFixed(2) : fmt(r.objective, 3);
const setLine = (r: SetResult, objective: string) =>
  `${JSON.stringify(r.params)}  score ${scoreText(r, objective)}  net ${(r.metrics.netProfitCents / 100).toFixed(2)}  ` +
  `trades ${r.metrics.trades}  PF ${fmt(r.metrics.profitFactor)}  Sharpe ${fmt(r.metrics.sharpeRatio)}  ` +
  `max DD ${r.metrics.maxDrawdownPct} %${r.violations.length > 0 ? `  (fails: ${r.violations.join('; ')})` : ''}`;

export const optimiseCommand: CliCommand = {
  name: 'optimise',
  summary:
    "Optimises a strategy's parameters marked optimise (grid or random search on every core), or walks it forward; prints every set's figures and the best.",
  usage:
    'optimise --strategy FILE|ID --symbol S --from ISO --to ISO [--method grid|random] [--samples N] [--seed S] [--objective net-profit|profit-factor|sharpe|return-drawdown] [--max-drawdown P] [--min-trades N] [--threads N] [--walk-forward WINDOWS] [--in-sample-pct P] [--timeframe TF] [--balance N] [--spread-pts N] [--commission N] [--json] [--data-dir DIR]',
  valueFlags: [
    'strategy',
    'symbol',
    'from',
    'to',
    'method',
    'samples',
    'seed',
    'objective',
    'max-drawdown',
    'min-trades',
    'threads',
    'walk-forward',
    'in-sample-pct',
    'timeframe',
    'balance',
    'spread-pts',
    'commission',
  ],
  async run(args, getApp, io) {
    const need = (name: string) => {
      const v = stringFlag(args, name);
      if (!v) throw new AppError(ErrorCode.INVALID_INPUT, `optimise needs --${name}`);
      return v;
    };
    const number = (name: string) => {
      const v = stringFlag(args, name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new AppError(ErrorCode.INVALID_INPUT, `--${name} must be a number`);
      return n;
    };
    const strategy = need('strategy');
    const symbol = need('symbol');
    const from = isoUtc(parseIsoFlag('from', need('from')));
    const to = isoUtc(parseIsoFlag('to', need('to')));
    const method = stringFlag(args, 'method') ?? 'grid';
    if (method !== 'grid' && method !== 'random') {
      throw new AppError(ErrorCode.INVALID_INPUT, '--method must be grid or random');
    }
    const objective = stringFlag(args, 'objective') ?? 'net-profit';
    if (!(OBJECTIVE_NAMES as readonly string[]).includes(objective)) {
      throw new AppError(ErrorCode.INVALID_INPUT, `--objective must be one of ${OBJECTIVE_NAMES.join(', ')}`);
    }
    const timeframe = stringFlag(args, 'timeframe')?.toUpperCase();
    if (timeframe !== undefined && !(TIMEFRAMES as readonly string[]).includes(timeframe)) {
      throw new AppError(ErrorCode.INVALID_INPUT, `--timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    }
    const windows = number('walk-forward');
    const inSamplePct = number('in-sample-pct');
    if (inSamplePct !== undefined && windows === undefined) {
      throw new AppError(ErrorCode.INVALID_INPUT, '--in-sample-pct goes with --walk-forward WINDOWS');
    }
    const optional = (key: string, value: number | undefined) =>
      value === undefined ? {} : { [key]: value };
    const app = getApp();
    const strategyId = await strategyFrom(app, strategy);
    const json = args.flags.json === true;
    const started = await callMethod(app, 'optimisations:start', {
      strategyId,
      symbol,
      from,
      to,
      timeframe: timeframe as Timeframe | undefined,
      method,
      objective: objective as (typeof OBJECTIVE_NAMES)[number],
      ...optional('samples', number('samples')),
      ...optional('seed', number('seed')),
      ...optional('maxDrawdownPct', number('max-drawdown')),
      ...optional('minTrades', number('min-trades')),
      ...optional('threads', number('threads')),
      ...(windows !== undefined ? { walkForward: { windows, ...optional('inSamplePct', inSamplePct) } } : {}),
      parameters: {
        ...optional('balance', number('balance')),
        ...optional('spreadPts', number('spread-pts')),
        ...optional('commissionPerLot', number('commission')),
      },
    });
    await waitForEnd(app, started, io, json);
    const run = await callMethod(app, 'optimisations:get', { runId: started.id });
    if (run.status !== 'completed') {
      throw new AppError(
        ErrorCode.INTERNAL,
        `The optimisation ${run.status}${run.error ? `: ${run.error}` : ''}`,
      );
    }
    const { results, walkForward, ...head } = run;
    if (json) {
      io.out(
        stringifyWithMoney({
          run: metricsOut(head),
          best: run.bestIndex === null ? null : metricsOut(results![run.bestIndex]),
          results: metricsOut(results),
          walkForward: metricsOut(walkForward),
        }),
      );
      return 0;
    }
    const lines = [
      `Optimisation ${run.id} of strategy ${run.strategyId} v${run.versionNumber} on ${run.symbol} ${run.timeframe}, ${isoUtc(run.fromTs)} to ${isoUtc(run.toTs)}`,
      `${run.setsDone} backtests on ${run.settings.threads} thread(s), objective ${run.settings.objective}`,
    ];
    if (walkForward) {
      for (const w of walkForward.windows) {
        lines.push(
          `window ${w.index + 1}: in-sample ${isoUtc(w.inSample.fromTs)} to ${isoUtc(w.inSample.toTs)}, ` +
            `out-of-sample ${isoUtc(w.outOfSample.fromTs)} to ${isoUtc(w.outOfSample.toTs)}: ` +
            (w.best
              ? `best ${JSON.stringify(w.best.params)}, out-of-sample net ${((w.outOfSampleMetrics?.netProfitCents ?? 0) / 100).toFixed(2)}`
              : `no set passed the constraints (${w.setsPassing}/${w.setsTried})`),
        );
      }
      lines.push(
        `out-of-sample net, stitched: ${(walkForward.netProfitCents / 100).toFixed(2)} ${run.settings.parameters.currency}`,
      );
    } else {
      const ranked = [...results!].sort((a, b) => (b.objective ?? -Infinity) - (a.objective ?? -Infinity));
      lines.push(
        run.bestIndex === null
          ? 'No set passed the constraints.'
          : `best: ${setLine(results![run.bestIndex]!, run.settings.objective)}`,
      );
      lines.push('top sets:', ...ranked.slice(0, 10).map((r) => setLine(r, run.settings.objective)));
    }
    io.out(lines.join('\n'));
    return 0;
  },
};
