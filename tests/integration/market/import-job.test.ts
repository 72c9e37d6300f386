import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startImportJob } from '../../../src/main/features/market/import/job';
import { findInstrument } from '../../../src/main/features/market/instruments';
import { openTempApp } from '../../helpers/temp-app';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

describe('import job', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  for (const forceInProcess of [false, true]) {
    it(`imports ${forceInProcess ? 'in-process (the fallback)' : 'in a worker thread under tsx/vitest'}`, async () => {
      app = openTempApp();
      const instrument = findInstrument(app.ctx.store, 'EURUSD')!;
      const progress: number[] = [];
      const job = startImportJob(
        {
          dbFile: join(app.dataDir, 'tickstep.db'),
          path: join(FIXTURES, 'mt4_EURUSD_M1.csv'),
          displayName: 'mt4_EURUSD_M1.csv',
          instrumentId: instrument.id,
          symbol: 'EURUSD',
          newDatasetId: 'dataset-1',
          newFileId: 'file-1',
          nowSeconds: 1_700_000_000,
          userId: app.ctx.userId,
        },
        (p) => progress.push(p.rows),
        { forceInProcess },
      );
      const result = await job.result;
      expect(job.mode()).toBe(forceInProcess ? 'in-process' : 'worker');
      expect(result).toMatchObject({ datasetId: 'dataset-1', rows: 3 });
      expect(progress.at(-1)).toBe(3);
    });
  }
});
