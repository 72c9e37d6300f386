import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callMethod } from '../../../src/main/cli/call';
import { MAX_SCREENSHOT_BYTES } from '../../../src/shared/contract/reports';
import { replayGoldenSession } from './golden-session';

/** A 1x1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function goldenSession() {
  const t = await replayGoldenSession(cleanups);
  const { sessionId } = t;
  const report = await callMethod(t.app, 'reports:create', { sessionId });
  const count = (table: string) =>
    (t.app.ctx.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const pngsOnDisk = () => {
    const dir = join(t.dataDir, 'journal', sessionId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  return { ...t, sessionId, trades: report.trades, count, pngsOnDisk };
}

describe('journal screenshots', () => {
  it('a PNG saved to a trade is a FILE row with size and md5, listed per trade and read back', async () => {
    const { app, sessionId, trades, dataDir } = await goldenSession();
    const [first, second] = [trades[0]!.id, trades[1]!.id];
    const entry = await callMethod(app, 'journal:add-screenshot', {
      positionId: first,
      kind: 'entry',
      pngBase64: PNG,
    });
    await callMethod(app, 'journal:add-screenshot', { positionId: first, kind: 'exit', pngBase64: PNG });
    await callMethod(app, 'journal:add-screenshot', { positionId: second, kind: 'manual', pngBase64: PNG });

    const bytes = Buffer.from(PNG, 'base64');
    expect(entry).toMatchObject({ positionId: first, sessionId, kind: 'entry', size: bytes.length });
    expect(entry.path.startsWith(join(dataDir, 'journal', sessionId))).toBe(true);
    expect(readFileSync(entry.path).equals(bytes)).toBe(true);
    expect(entry.md5).toBe(createHash('md5').update(bytes).digest('hex'));

    const all = await callMethod(app, 'journal:screenshots', { sessionId });
    expect(all.map((s) => s.kind)).toEqual(['entry', 'exit', 'manual']);
    const ofFirst = await callMethod(app, 'journal:screenshots', { sessionId, positionId: first });
    expect(ofFirst.map((s) => s.kind)).toEqual(['entry', 'exit']);
    const image = await callMethod(app, 'journal:read-screenshot', { screenshotId: entry.id });
    expect(image.pngBase64).toBe(PNG);
  });

  it('is stamped with the replay time (the session cursor), not the wall clock', async () => {
    const { app, sessionId, trades } = await goldenSession();
    const { cursorTs } = await callMethod(app, 'sessions:get', { sessionId });
    const shot = await callMethod(app, 'journal:add-screenshot', {
      positionId: trades[0]!.id,
      kind: 'manual',
      pngBase64: PNG,
    });
    expect(shot.replayTs).toBe(cursorTs);
    expect(shot.createdAt).not.toBe(cursorTs);
    const [listed] = await callMethod(app, 'journal:screenshots', { sessionId });
    expect(listed).toMatchObject({ id: shot.id, replayTs: cursorTs });
  });

  it('deleting a screenshot removes its link, its FILE row and the PNG', async () => {
    const { app, sessionId, trades, count, pngsOnDisk } = await goldenSession();
    const files = count('files');
    const shot = await callMethod(app, 'journal:add-screenshot', {
      positionId: trades[0]!.id,
      kind: 'manual',
      pngBase64: PNG,
    });
    expect(count('files')).toBe(files + 1);
    await callMethod(app, 'journal:delete-screenshot', { screenshotId: shot.id });
    expect(count('files')).toBe(files);
    expect(count('journal_screenshots')).toBe(0);
    expect(pngsOnDisk()).toEqual([]);
    expect(await callMethod(app, 'journal:screenshots', { sessionId })).toEqual([]);
  });

  it('deleting the session takes its screenshots and in-folder exports with it, never an export saved elsewhere', async () => {
    const { app, sessionId, trades, count, pngsOnDisk } = await goldenSession();
    const files = count('files');
    const shot = await callMethod(app, 'journal:add-screenshot', {
      positionId: trades[0]!.id,
      kind: 'entry',
      pngBase64: PNG,
    });
    const [report] = await callMethod(app, 'reports:list', { sessionId });
    const inside = await callMethod(app, 'reports:export', { reportId: report!.id, format: 'csv' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'tickstep-export-'));
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    const outside = await callMethod(app, 'reports:export', {
      reportId: report!.id,
      format: 'csv',
      handle: app.files.grant(join(elsewhere, 'trades.csv'), 'write'),
    });
    expect(count('files')).toBe(files + 3);

    expect(await callMethod(app, 'sessions:delete', { sessionId })).toEqual({ deleted: true });

    expect(count('files')).toBe(files);
    expect(count('journal_screenshots')).toBe(0);
    expect(count('report_files')).toBe(0);
    expect(existsSync(shot.path)).toBe(false);
    expect(pngsOnDisk()).toEqual([]);
    expect(existsSync(inside.path)).toBe(false);
    expect(existsSync(outside.path)).toBe(true);
  });

  it('refuses what is not a PNG, too large, not base64 or of no position, and writes nothing', async () => {
    const { app, trades, count, pngsOnDisk } = await goldenSession();
    const files = count('files');
    const positionId = trades[0]!.id;
    const refused = async (input: Record<string, unknown>) => {
      const result = await app.dispatch('journal:add-screenshot', input);
      if (result.ok) throw new Error('accepted');
      return result.error;
    };
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');
    expect(await refused({ positionId, kind: 'manual', pngBase64: jpeg })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not a PNG'),
    });
    expect(
      await refused({ positionId, kind: 'manual', pngBase64: `data:image/png;base64,${PNG}` }),
    ).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not base64') });
    const huge = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(MAX_SCREENSHOT_BYTES)]);
    expect(await refused({ positionId, kind: 'manual', pngBase64: huge.toString('base64') })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('larger than 5 MiB'),
    });
    expect(await refused({ positionId, kind: 'sideways', pngBase64: PNG })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await refused({ positionId: 'nope', kind: 'manual', pngBase64: PNG })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No position nope',
    });
    expect(count('files')).toBe(files);
    expect(count('journal_screenshots')).toBe(0);
    expect(pngsOnDisk()).toEqual([]);
  });

  it('an unknown screenshot is NOT_FOUND; a missing PNG file is named', async () => {
    const { app, trades } = await goldenSession();
    const missing = await app.dispatch('journal:read-screenshot', { screenshotId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const shot = await callMethod(app, 'journal:add-screenshot', {
      positionId: trades[0]!.id,
      kind: 'entry',
      pngBase64: PNG,
    });
    rmSync(shot.path);
    const gone = await app.dispatch('journal:read-screenshot', { screenshotId: shot.id });
    expect(gone).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining(shot.path) },
    });
  });
});
