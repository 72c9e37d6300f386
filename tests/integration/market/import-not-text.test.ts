import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows } from './helpers';

const PNG = resolve(import.meta.dirname, '../../fixtures/import/chart_screenshot.png');

/** A picture picked for import by mistake gets a plain sentence, not a delimiter riddle (issue 13, item 11). */
describe('a file that is not text', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('is named in plain words by the preview and the import, through a handle', async () => {
    app = openTempApp();
    const source = { handle: app.files.grant(PNG, 'read') };
    const message = 'chart_screenshot.png is not a text file: pick a CSV or TXT export';
    await expect(call(app, 'import:preview', { source, options: {} })).rejects.toThrow(message);
    await expect(call(app, 'import:run', { source, options: { symbol: 'EURUSD' } })).rejects.toThrow(message);
    expect(countRows(app, 'datasets')).toBe(0);
  });

  it('is recognised from the text a browser decodes it to (browser mode sends the first bytes as text)', async () => {
    app = openTempApp();
    // What `file.slice(0, n).text()` gives for a PNG: invalid UTF-8 becomes U+FFFD, NULs stay.
    const content = new TextDecoder().decode(readFileSync(PNG));
    await expect(
      call(app, 'import:preview', { source: { fileName: 'chart_screenshot.png', content }, options: {} }),
    ).rejects.toThrow(/^chart_screenshot\.png is not a text file: pick a CSV or TXT export$/);
  });

  it('leaves text files with a few odd characters alone', async () => {
    app = openTempApp();
    const content = `Date,Open,High,Low,Close,Note\n2024-01-02,1.1,1.2,1.0,1.15,caf\u00e9\n2024-01-03,1.15,1.2,1.1,1.12,\u00fcber \u20ac\n`;
    const preview = await call(app, 'import:preview', {
      source: { fileName: join('x', 'EURUSD_D1.csv'), content },
      options: {},
    });
    expect(preview.candles).toHaveLength(2);
  });
});
