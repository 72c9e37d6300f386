import { AppError, ErrorCode } from '../../shared/errors';
import { callMethod } from './call';
import { type CliCommand, stringFlag } from './command';

const money = (cents: number) => Math.round(cents) / 100;

export const monteCarloCommand: CliCommand = {
  name: 'monte-carlo',
  summary:
    "Monte Carlo on a completed backtest run's trades: percentiles of final equity and max drawdown, chance of ruin.",
  usage:
    'monte-carlo --run ID [--paths N] [--mode reshuffle|resample] [--ruin-pct P] [--seed S] [--json] [--data-dir DIR]',
  valueFlags: ['run', 'paths', 'mode', 'ruin-pct', 'seed'],
  async run(args, getApp, io) {
    const runId = stringFlag(args, 'run');
    if (!runId) throw new AppError(ErrorCode.INVALID_INPUT, 'monte-carlo needs --run (a backtest run id)');
    const number = (name: string) => {
      const v = stringFlag(args, name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new AppError(ErrorCode.INVALID_INPUT, `--${name} must be a number`);
      return n;
    };
    const mode = stringFlag(args, 'mode');
    if (mode !== undefined && mode !== 'reshuffle' && mode !== 'resample') {
      throw new AppError(ErrorCode.INVALID_INPUT, '--mode must be reshuffle or resample');
    }
    const r = await callMethod(getApp(), 'backtests:monte-carlo', {
      runId,
      ...(number('paths') !== undefined ? { paths: number('paths') } : {}),
      ...(mode !== undefined ? { mode } : {}),
      ...(number('ruin-pct') !== undefined ? { ruinPct: number('ruin-pct') } : {}),
      ...(number('seed') !== undefined ? { seed: number('seed') } : {}),
    });
    if (args.flags.json === true) {
      io.out(
        JSON.stringify(
          {
            runId: r.runId,
            mode: r.mode,
            paths: r.paths,
            trades: r.trades,
            initial: money(r.initialCents),
            ruinPct: r.ruinPct,
            seed: r.seed,
            percentiles: r.percentiles,
            finalEquity: r.finalEquityCents.map(money),
            maxDrawdown: r.maxDrawdownCents.map(money),
            maxDrawdownPct: r.maxDrawdownPct,
            ruinProbability: r.ruinProbability,
            actual: {
              finalEquity: money(r.actual.finalEquityCents),
              maxDrawdown: money(r.actual.maxDrawdownCents),
              maxDrawdownPct: r.actual.maxDrawdownPct,
              ruined: r.actual.ruined,
            },
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const row = (label: string, values: number[], f: (v: number) => string) =>
      `${label.padEnd(16)}${values.map((v) => f(v).padStart(14)).join('')}`;
    io.out(
      [
        `Monte Carlo of run ${r.runId}: ${r.paths} ${r.mode}d paths of ${r.trades} trades from ${money(r.initialCents).toFixed(2)}, seed ${r.seed}`,
        row('percentile', r.percentiles, (p) => `${p} %`),
        row('final equity', r.finalEquityCents, (c) => money(c).toFixed(2)),
        row('max drawdown', r.maxDrawdownCents, (c) => money(c).toFixed(2)),
        row('max drawdown %', r.maxDrawdownPct, (p) => p.toFixed(2)),
        `chance of ruin (a ${r.ruinPct} % loss): ${(r.ruinProbability * 100).toFixed(2)} %`,
      ].join('\n'),
    );
    return 0;
  },
};
