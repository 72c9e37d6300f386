import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Store } from '../../db/open-database';

/** The sample dataset shipped in resources/sample (generated data; see resources/README.md). */
export const SAMPLE_SYMBOLS = ['EURUSD', 'GBPUSD'] as const;

export interface SampleFile {
  symbol: string;
  path: string;
  md5: string;
}

/**
 * The sample files with their md5. In a packaged app they are unpacked beside the asar archive,
 * because the import worker reads them with plain file access.
 */
export function sampleFiles(appRoot: string): SampleFile[] {
  return SAMPLE_SYMBOLS.map((symbol) => {
    let path = join(appRoot, 'resources', 'sample', `${symbol}_M1_sample.csv`);
    const unpacked = path.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    if (unpacked !== path && existsSync(unpacked)) path = unpacked;
    return { symbol, path, md5: createHash('md5').update(readFileSync(path)).digest('hex') };
  });
}

/** Whether a sample file is in the store: the import records every file with its md5. */
export function isImported(store: Store, file: SampleFile): boolean {
  return (
    store.sqlite
      .prepare(
        `select 1 from files f join datasets d on d.id = f.entity_id
         join instruments i on i.id = d.instrument_id where f.md5 = ? and i.symbol = ?`,
      )
      .get(file.md5, file.symbol) !== undefined
  );
}

export function datasetCount(store: Store): number {
  return store.sqlite.prepare('select count(*) from datasets').pluck().get() as number;
}
