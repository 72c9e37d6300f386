import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { TIMEFRAMES, type Timeframe } from '../../core/market/timeframes';
import type { StrategyGraph } from '../../core/strategy/graph';
import type { BacktestProgressDto, BacktestRunDto } from '../../shared/contract/strategies';
import { AppError, ErrorCode } from '../../shared/errors';
import type { TickstepApp } from '../app/open-app';
import { callMethod } from './call';
import { type CliCommand, type CliIo, stringFlag } from './command';
import { isoUtc, parseIsoFlag } from './iso-time';
import { metricsOut, stringifyWithMoney } from './replay';

const slugOf = (file: string) =>
  basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'strategy';

/**
 * A strategy from `--strategy`: an existing strategy id, or a JSON file holding a graph (or
 * `{ "graph": ... }`). A file becomes the strategy whose slug is its name, with a new version
 * only when the graph changed, so re-running a file does not pile up copies.
 */
export async function strategyFrom(app: TickstepApp, value: string): Promise<string> {
  if (!existsSync(value)) {
    const known = await callMethod(app, 'strategies:list', { includeArchived: true });
    if (!known.some((s) => s.id === value)) {
      throw new AppError(ErrorCode.NOT_FOUND, `--strategy "${value}" is neither a file nor a strategy id`);
    }
    return value;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(value, 'utf8'));
  } catch (error) {
    throw new AppError(
      ErrorCode.INVALID_INPUT,
      `--strategy ${value} is not JSON: ${(error as Error).message}`,
    );
  }
  const graph = (
    parsed && typeof parsed === 'object' && 'graph' in parsed ? parsed.graph : parsed
  ) as StrategyGraph;
  const slug = slugOf(value);
  const existing = (await callMethod(app, 'strategies:list', { includeArchived: false })).find(
    (s) => s.slug === slug,
  );
  if (!existing) {
    const created = await callMethod(app, 'strategies:create', { title: basename(value), slug, graph });
    return created.id;
  }
  const latest = await callMethod(app, 'strategies:get', { strategyId: existing.id });
  if (JSON.stringify(latest.version.graph) !== JSON.stringify(graph)) {
    await callMethod(app, 'strategies:save-version', {
      strategyId: existing.id,
      graph,
      notes: `from ${value}`,
    });
  }
  return existing.id;
}

function waitForEnd(app: TickstepApp, run: BacktestRunDto, io: CliIo, quiet: boolean): Promise<void> {
  if (run.status !== 'running' && run.status !== 'queued') return Promise.resolve();
  let lastPrint = 0;
  return new Promise((resolve) => {
    const stop = app.events.subscribe((name, payload) => {
      if (name !== 'backtests:progress') return;
      const p = payload as BacktestProgressDto;
      if (p.runId !== run.id) return;
      const now = performance.now();
      if (!quiet && p.status === 'running' && now - lastPrint > 1000) {
        lastPrint = now;
        io.err(
          `${p.percent.toFixed(1)} %  ${p.barsPerSecond.toLocaleString('en-US')} bars/s  ETA ${p.etaSeconds ?? '?'} s`,
        );
      }
      if (p.status !== 'running') {
        stop();
        resolve();
      }
    });
  });
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary:
    'Backtests a strategy (a graph_json file or a strategy id) over the imported data of a symbol; prints the metrics, equity curve and trades.',
  usage:
    'backtest --strategy FILE|ID --symbol S --from ISO --to ISO [--timeframe TF] [--params JSON] [--balance N] [--spread-pts N] [--commission N] [--json] [--data-dir DIR]',
  valueFlags: [
    'strategy',
    'symbol',
    'from',
    'to',
    'timeframe',
    'params',
    'balance',
    'spread-pts',
    'commission',
  ],
  async run(args, getApp, io) {
    const need = (name: string) => {
      const v = stringFlag(args, name);
      if (!v) throw new AppError(ErrorCode.INVALID_INPUT, `backtest needs --${name}`);
      return v;
    };
    const strategy = need('strategy');
    const symbol = need('symbol');
    const from = isoUtc(parseIsoFlag('from', need('from')));
    const to = isoUtc(parseIsoFlag('to', need('to')));
    const timeframe = stringFlag(args, 'timeframe')?.toUpperCase();
    if (timeframe !== undefined && !(TIMEFRAMES as readonly string[]).includes(timeframe)) {
      throw new AppError(ErrorCode.INVALID_INPUT, `--timeframe must be one of ${TIMEFRAMES.join(', ')}`);
    }
    let params: Record<string, number> = {};
    const paramsText = stringFlag(args, 'params');
    if (paramsText !== undefined) {
      try {
        params = JSON.parse(paramsText);
      } catch {
        throw new AppError(ErrorCode.INVALID_INPUT, '--params must be a JSON object like {"fast":10}');
      }
    }
    const number = (name: string) => {
      const v = stringFlag(args, name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new AppError(ErrorCode.INVALID_INPUT, `--${name} must be a number`);
      return n;
    };
    const parameters = {
      params,
      ...(number('balance') !== undefined ? { balance: number('balance') } : {}),
      ...(number('spread-pts') !== undefined ? { spreadPts: number('spread-pts') } : {}),
      ...(number('commission') !== undefined ? { commissionPerLot: number('commission') } : {}),
    };
    const app = getApp();
    const strategyId = await strategyFrom(app, strategy);
    const json = args.flags.json === true;
    const started = await callMethod(app, 'backtests:start', {
      strategyId,
      symbol,
      from,
      to,
      timeframe: timeframe as Timeframe | undefined,
      parameters,
    });
    await waitForEnd(app, started, io, json);
    const run = await callMethod(app, 'backtests:get', { runId: started.id });
    if (run.status !== 'completed') {
      throw new AppError(
        ErrorCode.INTERNAL,
        `The backtest ${run.status}${run.error ? `: ${run.error}` : ''}`,
      );
    }
    const { report, ...head } = run;
    if (json) {
      io.out(
        stringifyWithMoney({
          run: metricsOut(head),
          summary: metricsOut(report!.summary),
          equityCurve: metricsOut(report!.equityCurve),
          trades: metricsOut(report!.trades),
          rejections: metricsOut(report!.rejections),
        }),
      );
      return 0;
    }
    const s = report!.summary;
    io.out(
      [
        `Backtest ${run.id} of strategy ${run.strategyId} v${run.versionNumber} on ${run.symbol} ${run.timeframe}, ${isoUtc(run.fromTs)} to ${isoUtc(run.toTs)}`,
        `${run.barsDone} bars, ${s.trades} trades, net ${(s.netProfitCents / 100).toFixed(2)} ${run.parameters.currency}, ` +
          `win rate ${s.winRatePct ?? '-'} %, profit factor ${s.profitFactor ?? '-'}, max drawdown ${s.maxDrawdownPct} %`,
      ].join('\n'),
    );
    return 0;
  },
};

export const strategiesCommand: CliCommand = {
  name: 'strategies',
  summary: 'Lists the strategies (id, slug, status, newest version).',
  usage: 'strategies list [--all] [--json] [--data-dir DIR]',
  valueFlags: [],
  async run(args, getApp, io) {
    const sub = args.positionals[0] ?? 'list';
    if (sub !== 'list')
      throw new AppError(ErrorCode.INVALID_INPUT, `Unknown strategies command "${sub}": try strategies list`);
    const list = await callMethod(getApp(), 'strategies:list', { includeArchived: args.flags.all === true });
    if (args.flags.json === true) {
      io.out(JSON.stringify(metricsOut(list), null, 2));
      return 0;
    }
    if (list.length === 0) io.out('No strategies yet.');
    for (const s of list) io.out(`${s.id}  ${s.slug}  ${s.status}  v${s.latestVersion}  ${s.title}`);
    return 0;
  },
};
