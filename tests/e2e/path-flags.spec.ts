import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callMethod } from '../../src/main/cli/call';
import type { CandleDto } from '../../src/shared/dto';
import { seedCandles } from '../integration/trading/helpers';
import { ARTIFACTS, launchChromium, openDesk } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

// Wednesday 2 January 2019, three H1 bars; the 01:00 one reaches 12 points either side of its open.
const T0 = 1_546_387_200;
const flat = (ts: number): CandleDto => ({ ts, open: 1.1, high: 1.1, low: 1.1, close: 1.1, volume: 1 });
const H1: CandleDto[] = [
  flat(T0),
  { ts: T0 + 3600, open: 1.1, high: 1.1012, low: 1.0988, close: 1.1, volume: 1 },
  flat(T0 + 7200),
];

describe('flagged trades in the report', () => {
  it('marks the trade and shows the worst-to-best band', async () => {
    const desk = await openDesk(browser);
    try {
      const { page, app } = desk;
      seedCandles(app, 'EURUSD', 'H1', H1);
      const s = await callMethod(app, 'sessions:create', {
        symbol: 'EURUSD',
        name: 'Flagged hour',
        startAt: '2019-01-02T00:00:00Z',
        timeframe: 'H1',
      });
      await callMethod(app, 'orders:place', { sessionId: s.id, side: 'BUY', lots: 1, sl: 1.099, tp: 1.101 });
      await callMethod(app, 'replay:jump', { sessionId: s.id, to: '2019-01-02T02:00:00Z' });
      await callMethod(app, 'reports:create', { sessionId: s.id });
      await page.reload();
      await page.getByRole('button', { name: 'Report of session Flagged hour' }).click();
      const metrics = page.getByLabel('Metrics');
      await metrics.getByText('Flagged trades (bar order decided)').waitFor();
      // One trade: net profit and expectancy share the band.
      expect(await metrics.getByText('-110.00 USD to 90.00 USD').count()).toBe(2);
      const flag = page
        .getByLabel('Trades')
        .getByRole('img', { name: 'Flagged: the order of prices inside one bar decided this trade' });
      expect(await flag.count()).toBe(1);
      await desk.screenshot('report-flagged-trades');
      await page.getByLabel('Trades').screenshot({ path: join(ARTIFACTS, 'report-flagged-trade-list.png') });
    } finally {
      await desk.close();
    }
  });
});
