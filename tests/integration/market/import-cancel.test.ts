import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDoneDto } from '../../../src/shared/dto';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows } from './helpers';

describe('cancelling an import', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('is honoured when it arrives mid-import, while the worker is busy: nothing is stored', async () => {
    app = openTempApp();
    const rows: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const d = new Date(Date.UTC(2019, 0, 2) + i * 60_000).toISOString();
      rows.push(`${d.slice(0, 4)}.${d.slice(5, 7)}.${d.slice(8, 10)},${d.slice(11, 16)},1.1,1.2,1.0,1.1,1`);
    }
    mkdirSync(join(app.dataDir, 'imports'));
    const path = join(app.dataDir, 'imports', 'EURUSD_big.csv');
    writeFileSync(path, `${rows.join('\n')}\n`);

    // The trader presses Cancel once the progress bar moves, as in the import wizard.
    let jobId = '';
    const done = new Promise<JobDoneDto>((resolve) =>
      app.events.subscribe((name, payload) => {
        if (name === 'job:progress' && jobId) void call(app, 'import:cancel', { jobId });
        if (name === 'job:done') resolve(payload as JobDoneDto);
      }),
    );
    jobId = (await call(app, 'import:start', { source: { path }, options: {} })).jobId;

    expect(await done).toMatchObject({ jobId, ok: false, error: { code: 'IMPORT_CANCELLED' } });
    for (const table of ['candles', 'datasets', 'files', 'candle_cache'] as const)
      expect(countRows(app, table), table).toBe(0);
  });
});
