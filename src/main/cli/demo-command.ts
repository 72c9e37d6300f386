import { SAMPLE_SESSION } from '../../shared/contract/onboarding';
import type { PerformanceSummaryDto } from '../../shared/contract/reports';
import { callMethod } from './call';
import { boolFlag, type CliCommand } from './command';
import { metricsOut, replayScriptSchema, runReplayScript, stringifyWithMoney, textReport } from './replay';

/**
 * Three days on the sample's EURUSD, each trade with a 15-pip stop loss and a 30-pip take profit:
 * a buy on Monday morning, a buy on Tuesday morning, a sell on Wednesday morning; whatever is still
 * open is closed on Wednesday evening, so the report always has trades.
 */
export const DEMO_SCRIPT = replayScriptSchema.parse({
  symbol: SAMPLE_SESSION.symbol,
  timeframe: SAMPLE_SESSION.timeframe,
  from: SAMPLE_SESSION.startAt,
  to: '2024-03-06T20:00:00Z',
  balance: SAMPLE_SESSION.balance,
  leverage: SAMPLE_SESSION.leverage,
  spreadPts: SAMPLE_SESSION.spreadPts,
  commissionPerLot: 3.5,
  actions: [
    {
      at: '2024-03-04T08:00:00Z',
      type: 'market',
      side: 'buy',
      lots: 1,
      slPips: 15,
      tpPips: 30,
      ref: 'monday',
    },
    {
      at: '2024-03-05T08:00:00Z',
      type: 'market',
      side: 'buy',
      lots: 1,
      slPips: 15,
      tpPips: 30,
      ref: 'tuesday',
    },
    {
      at: '2024-03-06T10:00:00Z',
      type: 'market',
      side: 'sell',
      lots: 1,
      slPips: 15,
      tpPips: 30,
      ref: 'wednesday',
    },
    { at: '2024-03-06T19:00:00Z', type: 'closeAll' },
  ],
});

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);
const ratio = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const cents = (v: number, currency: string) => `${(v / 100).toFixed(2)} ${currency}`;

/** The report's headline figures, as the Reports page shows them first. */
function summaryText(reportId: string, s: PerformanceSummaryDto, currency: string): string {
  return [
    `Report ${reportId} (open it in the app: Reports)`,
    `  Net profit      ${cents(s.netProfitCents, currency)} (${pct(s.returnPct)})`,
    `  Trades          ${s.trades} (${s.longTrades} long, ${s.shortTrades} short), win rate ${pct(s.winRatePct)}`,
    `  Profit factor   ${ratio(s.profitFactor)}, expectancy ${s.expectancyCents === null ? '—' : cents(s.expectancyCents, currency)}`,
    `  Max drawdown    ${cents(s.maxDrawdownCents, currency)} (${pct(s.maxDrawdownPct)})`,
    `  Costs paid      ${cents(s.costs.totalCents, currency)}`,
  ].join('\n');
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary:
    'Imports the sample dataset (generated EURUSD and GBPUSD M1, if not there yet), runs a short scripted replay on it and prints the report summary.',
  usage: 'demo [--data-dir DIR] [--json]',
  valueFlags: [],
  async run(args, getApp, io) {
    const app = getApp();
    const before = await callMethod(app, 'onboarding:get', {});
    const imported = before.sample.state !== 'ready';
    if (imported) await callMethod(app, 'onboarding:import-sample', {});
    const output = await runReplayScript(app, DEMO_SCRIPT);
    const sessionId = String(output.session.id);
    const report = await callMethod(app, 'reports:create', { sessionId });
    if (boolFlag(args, 'json')) {
      io.out(
        stringifyWithMoney({
          sample: { symbols: before.sample.symbols, imported },
          ...output,
          report: { id: report.id, summary: metricsOut(report.summary) },
        }),
      );
      return 0;
    }
    io.out(
      [
        imported
          ? `Imported the sample: ${before.sample.symbols.join(', ')} M1 (generated data, not market prices).`
          : 'The sample is already in the store.',
        '',
        textReport(output),
        '',
        summaryText(report.id, report.summary, report.currency),
      ].join('\n'),
    );
    return 0;
  },
};
