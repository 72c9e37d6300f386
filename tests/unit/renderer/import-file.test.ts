import { describe, expect, it } from 'vitest';
import {
  formatSize,
  pickedFromBrowser,
  pickedFromDisk,
  symbolFromFileName,
} from '../../../src/renderer/src/features/import/import-file';

describe('the file an import reads', () => {
  it('sends a dialog-picked file by its handle, so the main process reads it however large', async () => {
    const handle = 'fh_abcdefghijklmnopqrstuvwxyz012345';
    const picked = pickedFromDisk({ handle, name: 'EURUSD_M1.csv', sizeBytes: 3 * 1024 * 1024 });
    expect(picked.name).toBe('EURUSD_M1.csv');
    expect(await picked.source(64 * 1024)).toEqual({ handle });
    expect(formatSize(picked.sizeBytes)).toBe('3.0 MiB');
  });

  it('sends a dropped file as text: its start for the preview, all of it for the import', async () => {
    const picked = pickedFromBrowser(new File(['2019.01.02,00:00,1,1,1,1,1\n2019.01.02,00:01'], 'x.csv'));
    expect(await picked.source(10)).toEqual({ fileName: 'x.csv', content: '2019.01.02' });
    expect(await picked.source()).toMatchObject({ content: expect.stringContaining('00:01') });
    expect(formatSize(picked.sizeBytes)).toBe('1 KiB');
  });

  it('guesses the instrument from the file name, preferring the longest symbol that fits', () => {
    expect(symbolFromFileName('eurusd_m1_2019.csv', ['EU50', 'EUR', 'EURUSD'])).toBe('EURUSD');
    expect(symbolFromFileName('DAT_ASCII_GBPJPY_M1.csv', ['EURUSD', 'GBPJPY'])).toBe('GBPJPY');
    expect(symbolFromFileName('prices.csv', ['EURUSD'])).toBeUndefined();
  });
});
