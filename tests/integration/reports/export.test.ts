import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { callMethod } from '../../../src/main/cli/call';
import { runCli } from '../../../src/main/cli/main';
import { TRADE_CSV_COLUMNS } from '../../../src/main/features/reports/export/csv';
import { chromiumPath } from '../../../src/main/platform/pdf';
import { replayGoldenSession } from './golden-session';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function goldenReport() {
  const t = await replayGoldenSession(cleanups);
  const report = await callMethod(t.app, 'reports:create', { sessionId: t.sessionId });
  return { ...t, report };
}

const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

describe('report exports', () => {
  it('the CSV parsed back equals the trade list; the file is recorded with size and md5', async () => {
    const { app, report, dataDir } = await goldenReport();
    // A tag with a comma and a quote must survive the round trip.
    await callMethod(app, 'journal:save', { positionId: report.trades[0]!.id, tags: ['break, "out"', 'A+'] });
    const fresh = await callMethod(app, 'reports:create', { sessionId: report.sessionId });
    const file = await callMethod(app, 'reports:export', { reportId: fresh.id, format: 'csv' });
    expect(file.path.startsWith(join(dataDir, 'reports'))).toBe(true);
    const text = readFileSync(file.path, 'utf8');
    expect(file.size).toBe(Buffer.byteLength(text));
    expect(file.md5).toBe(md5(file.path));
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...TRADE_CSV_COLUMNS]);
    const back = parsed.data.map((r) => ({
      id: r.id,
      side: r.side,
      lots: Number(r.lots),
      openedTs: Date.parse(r.opened_at!) / 1000,
      closedTs: Date.parse(r.closed_at!) / 1000,
      entryPrice: Number(r.entry_price),
      exitPrice: r.exit_price === '' ? null : Number(r.exit_price),
      initialSlPrice: r.initial_sl === '' ? null : Number(r.initial_sl),
      riskCents: r.risk === '' ? null : Math.round(Number(r.risk) * 100),
      pnlCents: Math.round(Number(r.pnl) * 100),
      spreadCents: Math.round(Number(r.spread) * 100),
      slippageCents: Math.round(Number(r.slippage) * 100),
      commissionCents: Math.round(Number(r.commission) * 100),
      swapCents: Math.round(Number(r.swap) * 100),
      realizedCents: Math.round(Number(r.net) * 100),
      status: r.status,
      tags: r.tags === '' ? [] : r.tags!.split(';'),
      pathDependent: r.flagged === 'yes',
      ...(r.flagged === 'yes'
        ? {
            pathWorstCents: r.flagged_worst_net === '' ? null : Math.round(Number(r.flagged_worst_net) * 100),
            pathBestCents: r.flagged_best_net === '' ? null : Math.round(Number(r.flagged_best_net) * 100),
          }
        : {}),
      excursion:
        r.mae_price === ''
          ? null
          : {
              maePrice: Number(r.mae_price),
              mfePrice: Number(r.mfe_price),
              maeCents: Math.round(Number(r.mae) * 100),
              mfeCents: Math.round(Number(r.mfe) * 100),
              maeR: r.mae_r === '' ? null : Number(r.mae_r),
              mfeR: r.mfe_r === '' ? null : Number(r.mfe_r),
              exitEfficiencyPct: r.exit_efficiency_pct === '' ? null : Number(r.exit_efficiency_pct),
            },
    }));
    expect(back).toEqual(fresh.trades);
    expect(back[0]!.tags).toEqual(['break, "out"', 'A+']);
    // By-tag breakdown picks the journal up.
    expect(fresh.summary.byTag.map((r) => r.key)).toEqual(['(untagged)', 'A+', 'break, "out"']);
    const again = await callMethod(app, 'reports:get', { reportId: fresh.id });
    expect(again.files).toEqual([file]);
    const row = app.ctx.store.sqlite
      .prepare(
        'SELECT f.size, f.md5, rf.format FROM report_files rf JOIN files f ON f.id = rf.file_id WHERE rf.report_id = ?',
      )
      .get(fresh.id);
    expect(row).toEqual({ size: file.size, md5: file.md5, format: 'csv' });
  });

  it('the HTML report is standalone: no script, no external reference', async () => {
    const { app, report } = await goldenReport();
    const file = await callMethod(app, 'reports:export', { reportId: report.id, format: 'html' });
    const html = readFileSync(file.path, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Monthly returns');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    expect(html).toContain('564.00 USD');
  });

  it('exports count against the plan: the free plan stops them with QUOTA_EXCEEDED and writes nothing', async () => {
    const { app, report } = await goldenReport();
    const plan = await callMethod(app, 'account:get-plan', {});
    const limit = plan.usage.find((u) => u.kind === 'report-exports')?.limit;
    expect(typeof limit).toBe('number');
    if (typeof limit !== 'number') return;
    for (let i = 0; i < limit; i++)
      await callMethod(app, 'reports:export', { reportId: report.id, format: 'json' });
    const result = await app.dispatch('reports:export', { reportId: report.id, format: 'csv' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('QUOTA_EXCEEDED');
    expect((await callMethod(app, 'reports:get', { reportId: report.id })).files).toHaveLength(limit);
  });

  it('an unknown report or a bad format is a clear error', async () => {
    const { app } = await goldenReport();
    const missing = await app.dispatch('reports:get', { reportId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await app.dispatch('reports:export', { reportId: 'x', format: 'docx' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.skipIf(!existsSync(chromiumPath()))('PDF through Chromium', async () => {
    const { app, report } = await goldenReport();
    const file = await callMethod(app, 'reports:export', { reportId: report.id, format: 'pdf' });
    expect(readFileSync(file.path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.md5).toBe(md5(file.path));
  });

  it('CLI: tickstep report SESSION_ID prints JSON, or writes --format csv|html to --out', async () => {
    const { app, sessionId, dataDir, cleanup } = await goldenReport();
    app.close();
    cleanups.pop();
    cleanups.push(cleanup);
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(`ERR ${t}`) };
    expect(await runCli(['report', sessionId, '--data-dir', dataDir], io)).toBe(0);
    const json = JSON.parse(lines.pop()!);
    expect(json.summary).toMatchObject({ netProfit: 564, trades: 3, maxDrawdown: 212, maxDrawdownPct: 2.06 });
    expect(json.trades[0]).toMatchObject({ side: 'BUY', realized: 286, opened: '2019-01-07T00:00:00Z' });
    const out = join(dataDir, 'out.html');
    expect(
      await runCli(['report', sessionId, '--format', 'html', '--out', out, '--data-dir', dataDir], io),
    ).toBe(0);
    expect(lines.pop()).toMatch(/^Wrote .*out\.html \(\d+ bytes, md5 [0-9a-f]{32}\)$/);
    expect(existsSync(out)).toBe(true);
    expect(await runCli(['report', sessionId, '--format', 'docx', '--data-dir', dataDir], io)).toBe(1);
    expect(lines.pop()).toMatch(/--format must be one of json, html, csv, pdf/);
    expect(await runCli(['report', 'no-such-session', '--data-dir', dataDir], io)).toBe(1);
    expect(lines.pop()).toMatch(/NOT_FOUND/);
  });
});
