import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TickstepApp } from '../../../src/main/app/open-app';
import { type BrowserServer, startBrowserServer } from '../../../src/main/browser/browser-server';
import { callMethod } from '../../../src/main/cli/call';
import { openTempApp } from '../../helpers/temp-app';
import { replayGoldenSession } from '../reports/golden-session';

const cleanups: (() => void)[] = [];
let server: BrowserServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  while (cleanups.length) cleanups.pop()!();
});

const MT4 =
  '2019.01.02,00:00,1.14600,1.14620,1.14590,1.14610,120\n2019.01.02,00:01,1.14610,1.14650,1.14600,1.14640,98\n';

/** A page's view of the app: the contract over browser mode's WebSocket, nothing else. */
async function windowOf(app: TickstepApp) {
  server = await startBrowserServer(app, { port: 0 });
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server!.port}/contract?token=${server!.token}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
  cleanups.push(() => ws.close());
  let next = 1;
  return (method: string, input: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>((resolve) => {
      const id = next++;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString());
        if (message.id !== id) return;
        ws.off('message', onMessage);
        resolve(message.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, input }));
    });
}

async function setUp() {
  const t = await replayGoldenSession(cleanups);
  const report = await callMethod(t.app, 'reports:create', { sessionId: t.sessionId });
  const outside = mkdtempSync(join(tmpdir(), 'tickstep-outside-'));
  cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
  return { ...t, report, outside, call: await windowOf(t.app) };
}

describe('files named in contract calls from a window or the WebSocket', () => {
  it('refuses a raw path outside the data folder for every method that takes one', async () => {
    const { call, report, outside } = await setUp();
    const target = join(outside, 'stolen.csv');
    const refused = [
      await call('import:preview', { source: { path: '/etc/passwd' }, options: {} }),
      await call('import:run', { source: { path: '/etc/passwd' }, options: { symbol: 'EURUSD' } }),
      await call('import:start', { source: { path: '/etc/passwd' }, options: { symbol: 'EURUSD' } }),
      await call('support:create', {
        subject: 'Help',
        message: 'See file',
        attachments: [{ path: '/etc/passwd' }],
      }),
      await call('reports:export', { reportId: report.id, format: 'csv', path: target }),
    ];
    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    }
    expect(refused.map((r) => r.error!.message.split(':')[0])).toEqual([
      'source.path',
      'source.path',
      'source.path',
      'attachments.0.path',
      'path',
    ]);
    expect(existsSync(target)).toBe(false);
    // Nothing of /etc/passwd came back, and no support request was written.
    expect(JSON.stringify(refused)).not.toContain('root:');
  });

  it('refuses data-folder paths that escape with .. or a link, and the app files at its top', async () => {
    const { call, report, dataDir, outside } = await setUp();
    writeFileSync(join(outside, 'EURUSD.csv'), MT4);
    mkdirSync(join(dataDir, 'imports'), { recursive: true });
    symlinkSync(outside, join(dataDir, 'imports', 'elsewhere'));
    symlinkSync(join(outside, 'EURUSD.csv'), join(dataDir, 'imports', 'link.csv'));
    const escaping = [
      'imports/../../../../../../etc/passwd',
      join(dataDir, 'imports', '..', '..', 'x.csv'),
      'imports/elsewhere/EURUSD.csv',
      'imports/link.csv',
      'tickstep.db',
      'settings.json',
    ];
    for (const path of escaping) {
      expect(await call('import:preview', { source: { path }, options: {} }), path).toMatchObject({
        ok: false,
        error: { code: 'PATH_NOT_ALLOWED' },
      });
      expect(
        await call('support:create', { subject: 'Help', message: 'x', attachments: [{ path }] }),
        path,
      ).toMatchObject({
        ok: false,
        error: { code: 'PATH_NOT_ALLOWED' },
      });
    }
    for (const path of [
      '../escaped.csv',
      'reports/../../escaped.csv',
      'imports/elsewhere/written.csv',
      'tickstep.db',
    ]) {
      expect(await call('reports:export', { reportId: report.id, format: 'csv', path }), path).toMatchObject({
        ok: false,
        error: { code: 'PATH_NOT_ALLOWED' },
      });
    }
    expect(existsSync(join(dataDir, '..', 'escaped.csv'))).toBe(false);
    expect(existsSync(join(outside, 'written.csv'))).toBe(false);
  });

  it('accepts a file in a subfolder of the data folder, by relative or absolute path', async () => {
    const { call, report, dataDir } = await setUp();
    mkdirSync(join(dataDir, 'imports'), { recursive: true });
    writeFileSync(join(dataDir, 'imports', 'EURUSD_M1.csv'), MT4);
    const preview = await call('import:preview', { source: { path: 'imports/EURUSD_M1.csv' }, options: {} });
    expect(preview).toMatchObject({ ok: true, value: { symbol: 'EURUSD', format: 'mt4' } });
    const exported = await call('reports:export', {
      reportId: report.id,
      format: 'csv',
      path: join(dataDir, 'reports', 'mine', 'trades.csv'),
    });
    expect(exported).toMatchObject({ ok: true });
    expect(readFileSync(join(dataDir, 'reports', 'mine', 'trades.csv'), 'utf8')).toContain('id,');
  });

  it('a handle from a native dialog works; an unknown one, or one for reading used to write, is refused', async () => {
    const { app, call, report, outside } = await setUp();
    const picked = join(outside, 'GBPUSD_M1.csv');
    writeFileSync(picked, MT4.replaceAll('1.14', '1.28'));
    // What src/main/electron/file-dialog.ts does with the trader's pick.
    const handle = app.files.grant(picked, 'read');
    expect(handle).toMatch(/^fh_[A-Za-z0-9_-]{32}$/);
    expect(await call('import:preview', { source: { handle }, options: {} })).toMatchObject({
      ok: true,
      value: { symbol: 'GBPUSD' },
    });
    expect(await call('import:run', { source: { handle }, options: {} })).toMatchObject({
      ok: true,
      value: { symbol: 'GBPUSD', rows: 2 },
    });
    expect(
      await call('support:create', { subject: 'Help', message: 'See file', attachments: [{ handle }] }),
    ).toMatchObject({ ok: true, value: { messages: [{ attachments: [{ name: 'GBPUSD_M1.csv' }] }] } });

    const saveTo = join(outside, 'report.html');
    const writeHandle = app.files.grant(saveTo, 'write');
    expect(
      await call('reports:export', { reportId: report.id, format: 'html', handle: writeHandle }),
    ).toMatchObject({
      ok: true,
      value: { path: saveTo },
    });
    expect(readFileSync(saveTo, 'utf8')).toContain('<html');

    const unknown = 'fh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(await call('import:preview', { source: { handle: unknown }, options: {} })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_GRANTED', message: expect.stringMatching(/^source\.handle: /) },
    });
    expect(
      await call('support:create', { subject: 'x', message: 'x', attachments: [{ handle: unknown }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_GRANTED', message: expect.stringMatching(/^attachments\.0\.handle: /) },
    });
    // The file the trader opened cannot be overwritten through its handle.
    expect(await call('reports:export', { reportId: report.id, format: 'csv', handle })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_GRANTED', message: expect.stringMatching(/^handle: /) },
    });
    expect(readFileSync(picked, 'utf8')).toContain('1.28');
    // Not a handle at all: the schema names the field.
    expect(await call('import:run', { source: { handle: '/etc/passwd' }, options: {} })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('handles last for one run of the app only: another run does not know them', async () => {
    const { app, outside } = await setUp();
    const picked = join(outside, 'EURUSD.csv');
    writeFileSync(picked, MT4);
    const handle = app.files.grant(picked, 'read');
    const nextRun = openTempApp();
    cleanups.push(() => nextRun.dispose());
    expect(await nextRun.dispatch('import:preview', { source: { handle }, options: {} })).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_GRANTED' },
    });
  });
});
