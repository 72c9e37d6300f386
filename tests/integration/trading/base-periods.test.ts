import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { callMethod as call } from '../../../src/main/cli/call';
import { parseReplayScript, runReplayScript, stringifyReplayOutput } from '../../../src/main/cli/replay';
import type { CandleDto } from '../../../src/shared/dto';
import { tempApp } from './helpers';

const utc = (s: string) => Date.parse(s) / 1000;
const iso = (ts: number) => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Flat bars at 1.10000, one every `step` seconds over [from, to], with some bars replaced. */
function flat(
  from: number,
  to: number,
  step: number,
  special: Record<string, Omit<CandleDto, 'ts' | 'volume'>>,
) {
  const out: CandleDto[] = [];
  for (let ts = from; ts <= to; ts += step) {
    const s = special[iso(ts)];
    out.push({ ts, ...(s ?? { open: 1.1, high: 1.1, low: 1.1, close: 1.1 }), volume: 1 });
  }
  return out;
}

/** Candles and their dataset row, written directly so the test does not depend on the importer. */
function seed(app: TickstepApp, datasetId: string, timeframe: string, candles: CandleDto[]): void {
  const { sqlite } = app.ctx.store;
  const { id } = sqlite.prepare("SELECT id FROM instruments WHERE symbol = 'EURUSD'").get() as { id: string };
  const insert = sqlite.prepare(
    'INSERT INTO candles (series_id, ts, open, high, low, close, volume) VALUES ((SELECT id FROM series WHERE instrument_id = ? AND timeframe = ?), ?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT OR IGNORE INTO series (instrument_id, timeframe) VALUES (?, ?)')
      .run(id, timeframe);
    for (const c of candles) insert.run(id, timeframe, c.ts, c.open, c.high, c.low, c.close, c.volume);
    sqlite
      .prepare(
        `INSERT INTO datasets (id, instrument_id, timeframe, uploaded_at, records_count, format, timezone, is_active, start_ts, end_ts, created_at, updated_at)
         VALUES (?, ?, ?, 0, ?, 'test', 'UTC', 1, ?, ?, 0, 0)`,
      )
      .run(datasetId, id, timeframe, candles.length, candles[0]!.ts, candles.at(-1)!.ts);
  })();
}

/**
 * M1 for December 2017 and H1 for January 2018, flat at 1.10000 but for three hand-made bars:
 * - M1 2017-12-28 10:00  O 1.10000 H 1.10010 L 1.09900 C 1.09980: high first (10 points up is
 *   no more than 100 down), so the path is O, H, L, C and the ask falls through 1.09950 on H→L;
 * - H1 2018-01-03 14:00  O 1.10000 H 1.10400 L 1.09990 C 1.10100: low first (400 up > 10 down),
 *   path O, L, H, C: the bid rises through 1.10300 on L→H;
 * - H1 2018-01-05 03:00  O 1.10000 H 1.10300 L 1.09700 C 1.10000: 300 up, 300 down, high first,
 *   path O, H, L, C: the ask reaches 1.10200 on the way up before it ever falls to 1.09800.
 */
function seedDecemberM1JanuaryH1(app: TickstepApp) {
  seed(
    app,
    'ds-m1-2017',
    'M1',
    flat(utc('2017-12-01T00:00Z'), utc('2017-12-31T23:59Z'), 60, {
      '2017-12-28T10:00:00Z': { open: 1.1, high: 1.1001, low: 1.099, close: 1.0998 },
    }),
  );
  seed(
    app,
    'ds-h1-2018',
    'H1',
    flat(utc('2018-01-01T00:00Z'), utc('2018-01-31T23:00Z'), 3600, {
      '2018-01-03T14:00:00Z': { open: 1.1, high: 1.104, low: 1.0999, close: 1.101 },
      '2018-01-05T03:00:00Z': { open: 1.1, high: 1.103, low: 1.097, close: 1.1 },
    }),
  );
}

function setup() {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedDecemberM1JanuaryH1(t.app);
  return t.app;
}

describe('the replay walks the finest data at each time', () => {
  it('a session over 2017-12-20 .. 2018-01-10 replays M1 then H1, every bar once, fills on each side by the model', async () => {
    const app = setup();
    const session = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      timeframe: 'M1',
      startAt: '2017-12-20T00:00:00Z',
      endAt: '2018-01-10T00:00:00Z',
      balance: 10_000,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLot: 0,
    });
    const sessionId = session.id;
    expect(session).toMatchObject({ baseTimeframe: 'M1', cursorTs: utc('2017-12-20T00:00Z') });
    expect(session.basePeriods).toEqual([
      { timeframe: 'M1', fromTs: utc('2017-12-20T00:00Z'), toTs: utc('2017-12-20T00:00Z') },
    ]);

    // M1 side. Ask = bid + 10 points; the buy limit at 1.09950 fills when the ask falls through it.
    await call(app, 'orders:place', {
      sessionId,
      side: 'BUY',
      type: 'LIMIT',
      lots: 1,
      price: 1.0995,
      sl: 1.097,
      tp: 1.103,
    });
    // 2017-12-20 00:00 → 2017-12-28 10:00 is 8 days and 10 hours: 12,120 M1 bars.
    let tick = await call(app, 'replay:step', { sessionId, bars: 12_120 });
    expect(iso(tick.cursorTs)).toBe('2017-12-28T10:00:00Z');
    expect(tick.baseTimeframe).toBe('M1');
    expect(tick.fills).toEqual([
      expect.objectContaining({
        side: 'BUY',
        lots: 1,
        price: 1.0995,
        ts: utc('2017-12-28T10:00Z'),
        reason: 'LIMIT',
      }),
    ]);
    // The rest of December: 2017-12-28 10:00 → 2017-12-31 23:59 is 5,159 more M1 bars.
    tick = await call(app, 'replay:step', { sessionId, bars: 5_159 });
    expect(iso(tick.cursorTs)).toBe('2017-12-31T23:59:00Z');
    expect(tick.baseTimeframe).toBe('M1');
    // The next bar is the first H1 bar: no time skipped, no bar twice.
    tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect(iso(tick.cursorTs)).toBe('2018-01-01T00:00:00Z');
    expect(tick.baseTimeframe).toBe('H1');
    tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect(iso(tick.cursorTs)).toBe('2018-01-01T01:00:00Z');

    // An M1 chart across the switch shows M1 bars, then the H1 bars as they are.
    const m1Chart = await call(app, 'replay:snapshot', { sessionId, timeframe: 'M1', count: 4 });
    expect(m1Chart.candles.map((c) => iso(c.ts))).toEqual([
      '2017-12-31T23:58:00Z',
      '2017-12-31T23:59:00Z',
      '2018-01-01T00:00:00Z',
      '2018-01-01T01:00:00Z',
    ]);
    expect(m1Chart.session.baseTimeframe).toBe('H1');

    // H1 side. The long's TP (bid ≥ 1.10300) is met on the L→H segment of 2018-01-03 14:00.
    // 2018-01-01 01:00 → 2018-01-03 14:00 is 61 H1 bars.
    tick = await call(app, 'replay:step', { sessionId, bars: 61 });
    expect(iso(tick.cursorTs)).toBe('2018-01-03T14:00:00Z');
    expect(tick.fills).toEqual([
      expect.objectContaining({ side: 'SELL', price: 1.103, ts: utc('2018-01-03T14:00Z'), reason: 'TP' }),
    ]);
    // 34 bars to 2018-01-05 00:00, a market sell at the bid, then 3 bars to the 03:00 bar.
    tick = await call(app, 'replay:step', { sessionId, bars: 34 });
    expect(iso(tick.cursorTs)).toBe('2018-01-05T00:00:00Z');
    const short = await call(app, 'orders:place', { sessionId, side: 'SELL', lots: 1, sl: 1.102, tp: 1.098 });
    expect(short.fillPrice).toBe(1.1);
    // The H1 bar's path goes up first: the short's SL (ask ≥ 1.10200, bid 1.10190) fires before
    // its TP could; on an O, L, H, C path the TP would have won.
    tick = await call(app, 'replay:step', { sessionId, bars: 3 });
    expect(iso(tick.cursorTs)).toBe('2018-01-05T03:00:00Z');
    expect(tick.fills).toEqual([
      expect.objectContaining({ side: 'BUY', price: 1.102, ts: utc('2018-01-05T03:00Z'), reason: 'SL' }),
    ]);
    // 2018-01-05 03:00 → 2018-01-10 00:00: 117 bars, and the end date completes the session.
    tick = await call(app, 'replay:step', { sessionId, bars: 117 });
    expect(iso(tick.cursorTs)).toBe('2018-01-10T00:00:00Z');
    expect(tick.status).toBe('COMPLETED');
    // 17,280 M1 bars (20–31 December) and 217 H1 bars (1 January 00:00 – 10 January 00:00):
    // the start bar plus 12,120 + 5,159 + 1 + 1 + 61 + 34 + 3 + 117 = 17,496 steps.
    expect(12_120 + 5_159 + 1 + 1 + 61 + 34 + 3 + 117 + 1).toBe(17_280 + 217);

    // Long: (1.10300 − 1.09940) × 100,000 = +360.00, spread −10.00.
    // Short: −(1.10190 − 1.10000) × 100,000 = −190.00, spread −10.00.
    const ledger = await call(app, 'ledger:list', { sessionId });
    expect(ledger.map((e) => [e.type, e.amountCents])).toEqual([
      ['DEPOSIT', 1_000_000],
      ['PNL', 36_000],
      ['SPREAD', -1_000],
      ['PNL', -19_000],
      ['SPREAD', -1_000],
    ]);
    expect(ledger.at(-1)!.balanceAfterCents).toBe(1_015_000);

    const done = await call(app, 'sessions:get', { sessionId });
    expect(done.basePeriods).toEqual([
      { timeframe: 'M1', fromTs: utc('2017-12-20T00:00Z'), toTs: utc('2017-12-31T23:59Z') },
      { timeframe: 'H1', fromTs: utc('2018-01-01T00:00Z'), toTs: utc('2018-01-10T00:00Z') },
    ]);

    // The report (stored when the session completed) and its HTML export name both periods.
    const [listed] = await call(app, 'reports:list', { sessionId });
    const report = await call(app, 'reports:get', { reportId: listed!.id });
    expect(report.basePeriods).toEqual(done.basePeriods);
    expect(report.summary.netProfitCents).toBe(15_000);
    const html = await call(app, 'reports:export', { reportId: report.id, format: 'html' });
    expect(readFileSync(html.path, 'utf8')).toContain(
      'Base data: 2017-12-20 – 2017-12-31 M1, then 2018-01-01 – 2018-01-10 H1',
    );
  });

  it('the replay CLI JSON lists the base periods and gets the same fills', async () => {
    const app = setup();
    const script = parseReplayScript(
      JSON.stringify({
        symbol: 'EURUSD',
        timeframe: 'M1',
        from: '2017-12-20T00:00:00Z',
        to: '2018-01-10T00:00:00Z',
        balance: 10_000,
        spreadPts: 10,
        slippagePts: 0,
        commissionPerLot: 0,
        actions: [
          {
            at: '2017-12-20T00:00:00Z',
            type: 'limit',
            side: 'buy',
            lots: 1,
            price: 1.0995,
            sl: 1.097,
            tp: 1.103,
            ref: 'long',
          },
          {
            at: '2018-01-05T00:00:00Z',
            type: 'market',
            side: 'sell',
            lots: 1,
            sl: 1.102,
            tp: 1.098,
            ref: 'short',
          },
        ],
      }),
    );
    const out = await runReplayScript(app, script);
    expect(out.session).toMatchObject({
      baseTimeframe: 'H1',
      basePeriods: [
        { timeframe: 'M1', from: '2017-12-20T00:00:00Z', to: '2017-12-31T23:59:00Z' },
        { timeframe: 'H1', from: '2018-01-01T00:00:00Z', to: '2018-01-10T00:00:00Z' },
      ],
      baseData: '2017-12-20 – 2017-12-31 M1, then 2018-01-01 – 2018-01-10 H1',
    });
    expect(out.actions.every((a) => a.ok)).toBe(true);
    const json = JSON.parse(stringifyReplayOutput(out));
    expect(json.transactions.map((t: { type: string; amount: number }) => [t.type, t.amount])).toEqual([
      ['DEPOSIT', 10_000],
      ['PNL', 360],
      ['SPREAD', -10],
      ['PNL', -190],
      ['SPREAD', -10],
    ]);
    expect(json.session.balance).toBe(10_150);
  });

  it('switches at the coarser bar boundary both ways when the edges fall inside an hour', async () => {
    const t = tempApp();
    cleanups.push(t.cleanup);
    const app = t.app;
    // H1 over all of December and January; M1 from 2017-12-31 20:30 to 2018-01-01 02:29.
    seed(app, 'ds-h1', 'H1', flat(utc('2017-12-01T00:00Z'), utc('2018-01-31T23:00Z'), 3600, {}));
    seed(app, 'ds-m1', 'M1', flat(utc('2017-12-31T20:30Z'), utc('2018-01-01T02:29Z'), 60, {}));
    const session = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      timeframe: 'H1',
      startAt: '2017-12-31T19:00:00Z',
    });
    expect(session.baseTimeframe).toBe('H1');
    const sessionId = session.id;
    // The 20:00 H1 bar holds M1's first half hour: it is replayed whole, M1 follows from 21:00.
    let tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect([iso(tick.cursorTs), tick.baseTimeframe]).toEqual(['2017-12-31T20:00:00Z', 'H1']);
    tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect([iso(tick.cursorTs), tick.baseTimeframe]).toEqual(['2017-12-31T21:00:00Z', 'M1']);
    // M1 from 21:00 to 01:59 is 300 bars; the 02:00 hour, which M1 covers only in part, is H1.
    tick = await call(app, 'replay:step', { sessionId, bars: 299 });
    expect([iso(tick.cursorTs), tick.baseTimeframe]).toEqual(['2018-01-01T01:59:00Z', 'M1']);
    tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect([iso(tick.cursorTs), tick.baseTimeframe]).toEqual(['2018-01-01T02:00:00Z', 'H1']);
    tick = await call(app, 'replay:step', { sessionId, bars: 1 });
    expect(iso(tick.cursorTs)).toBe('2018-01-01T03:00:00Z');
    // The H1 chart: hours before 21:00 and after 02:00 from the H1 file, the rest built from M1.
    const chart = await call(app, 'replay:snapshot', { sessionId, timeframe: 'H1', count: 8 });
    expect(chart.candles.map((c) => iso(c.ts))).toEqual([
      '2017-12-31T20:00:00Z',
      '2017-12-31T21:00:00Z',
      '2017-12-31T22:00:00Z',
      '2017-12-31T23:00:00Z',
      '2018-01-01T00:00:00Z',
      '2018-01-01T01:00:00Z',
      '2018-01-01T02:00:00Z',
      '2018-01-01T03:00:00Z',
    ]);
    expect(chart.session.basePeriods.map((p) => [p.timeframe, iso(p.fromTs), iso(p.toTs)])).toEqual([
      ['H1', '2017-12-31T19:00:00Z', '2017-12-31T20:00:00Z'],
      ['M1', '2017-12-31T21:00:00Z', '2018-01-01T01:59:00Z'],
      ['H1', '2018-01-01T02:00:00Z', '2018-01-01T03:00:00Z'],
    ]);
  });
});
