import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../src/main/app/open-app';
import { callMethod } from '../../../src/main/cli/call';
import { parseReplayScript, runReplayScript } from '../../../src/main/cli/replay';
import { REPO_ROOT, seedCandles } from '../trading/helpers';
import { GOLDEN_CANDLES, GOLDEN_SCRIPT } from './golden';

describe('PDF export through the app’s printer', () => {
  it('the desktop hands the HTML report to its own printer (printToPDF) and records what it returns', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-pdf-'));
    const printed: string[] = [];
    const app = openApp({
      dataDir,
      appRoot: REPO_ROOT,
      mode: 'electron',
      log: () => {},
      startOnline: false,
      printPdf: async (html) => {
        printed.push(html);
        return Buffer.from('%PDF-1.7 stub');
      },
    });
    try {
      seedCandles(app, 'EURUSD', 'M1', GOLDEN_CANDLES);
      const out = await runReplayScript(app, parseReplayScript(JSON.stringify(GOLDEN_SCRIPT)));
      const report = await callMethod(app, 'reports:create', { sessionId: out.session.id as string });
      const file = await callMethod(app, 'reports:export', { reportId: report.id, format: 'pdf' });
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain('<!doctype html>');
      expect(readFileSync(file.path, 'utf8')).toBe('%PDF-1.7 stub');
      expect(file.size).toBe(13);
    } finally {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
