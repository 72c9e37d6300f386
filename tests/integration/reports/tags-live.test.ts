import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { callMethod } from '../../../src/main/cli/call';
import { replayGoldenSession } from './golden-session';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('tags on a report already made', () => {
  it('tagging a trade shows in "By tag" and in the exports without making a new report', async () => {
    const t = await replayGoldenSession(cleanups);
    const report = await callMethod(t.app, 'reports:create', { sessionId: t.sessionId });
    const tradeId = report.trades[0]!.id;
    await callMethod(t.app, 'journal:save', { positionId: tradeId, tags: ['breakout'] });
    const again = await callMethod(t.app, 'reports:get', { reportId: report.id });
    expect(again.trades.find((x) => x.id === tradeId)!.tags).toEqual(['breakout']);
    const row = again.summary.byTag.find((r) => r.key === 'breakout');
    expect(row?.trades).toBe(1);
    // The report's numbers stay the ones it was made with.
    expect(again.summary.netProfitCents).toBe(report.summary.netProfitCents);
    const csv = await callMethod(t.app, 'reports:export', { reportId: report.id, format: 'csv' });
    expect(readFileSync(csv.path, 'utf8')).toContain('breakout');
    const html = await callMethod(t.app, 'reports:export', { reportId: report.id, format: 'html' });
    expect(readFileSync(html.path, 'utf8')).toMatch(/By tag[\s\S]*breakout/);
  });
});
