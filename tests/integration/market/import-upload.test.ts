import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../src/renderer/src/features/import/import-file';
import { UPLOAD_CHUNK_BYTES } from '../../../src/shared/contract/market';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows } from './helpers';

const MT4 = resolve(import.meta.dirname, '../../fixtures/import/mt4_EURUSD_M1.csv');

/**
 * Browser mode and dropped files send the file in pieces to a file under the data folder, then
 * import it from there like a handle (issue 13, item 4): no whole-file text in one contract call.
 */
describe('import of a file sent in pieces', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  const uploadsLeft = () => {
    const dir = join(app.dataDir, 'import-uploads');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('imports what arrived, byte for byte (same md5 as the file on disk), and removes the copy', async () => {
    app = openTempApp();
    const bytes = readFileSync(MT4);
    const { uploadId } = await call(app, 'import:upload-open', {
      fileName: 'mt4_EURUSD_M1.csv',
      sizeBytes: bytes.length,
    });
    // Three pieces of uneven size, as the page would send a big file.
    const cuts = [0, 7, Math.floor(bytes.length / 2), bytes.length];
    for (let k = 0; k < 3; k++) {
      const { receivedBytes } = await call(app, 'import:upload-append', {
        uploadId,
        offset: cuts[k]!,
        base64: toBase64(bytes.subarray(cuts[k]!, cuts[k + 1]!)),
      });
      expect(receivedBytes).toBe(cuts[k + 1]);
    }
    const sent = await call(app, 'import:run', { source: { uploadId }, options: {} });
    const direct = openTempApp();
    try {
      const fromDisk = await call(direct, 'import:run', {
        source: { handle: direct.files.grant(MT4, 'read') },
        options: {},
      });
      expect({ ...sent, datasetId: '' }).toEqual({ ...fromDisk, datasetId: '' });
    } finally {
      direct.dispose();
    }
    expect(sent.symbol).toBe('EURUSD');
    expect(uploadsLeft()).toEqual([]);
    // Taken once: the same upload cannot be imported twice.
    await expect(call(app, 'import:run', { source: { uploadId }, options: {} })).rejects.toThrow(
      /pick the file again/,
    );
  });

  it('refuses pieces out of order, past the announced size or not base64, naming the field', async () => {
    app = openTempApp();
    const { uploadId } = await call(app, 'import:upload-open', { fileName: 'EURUSD.csv', sizeBytes: 4 });
    await expect(
      call(app, 'import:upload-append', { uploadId, offset: 2, base64: toBase64(new Uint8Array(2)) }),
    ).rejects.toThrow(/^offset: 2 is not where the file stands \(0 bytes received\)$/);
    await expect(
      call(app, 'import:upload-append', { uploadId, offset: 0, base64: toBase64(new Uint8Array(5)) }),
    ).rejects.toThrow(/^base64: the piece goes past the 4 bytes announced for EURUSD\.csv$/);
    await expect(call(app, 'import:upload-append', { uploadId, offset: 0, base64: 'a b!' })).rejects.toThrow(
      /^The piece must be base64 text\.$/,
    );
    const tooBig = 'A'.repeat(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4);
    await expect(call(app, 'import:upload-append', { uploadId, offset: 0, base64: tooBig })).rejects.toThrow(
      /^The piece must be at most [\d,]+ characters\.$/,
    );
    // Half sent: the import refuses it and stores nothing.
    await call(app, 'import:upload-append', { uploadId, offset: 0, base64: toBase64(new Uint8Array(2)) });
    await expect(call(app, 'import:run', { source: { uploadId }, options: {} })).rejects.toThrow(
      /^uploadId: EURUSD\.csv is not fully sent \(2 of 4 bytes\)$/,
    );
    await expect(
      call(app, 'import:upload-append', { uploadId: 'nope', offset: 0, base64: '' }),
    ).rejects.toThrow(/no longer there/);
    expect(countRows(app, 'datasets')).toBe(0);
  });

  it('keeps at most four unfinished uploads on disk, and none after the app closes', async () => {
    app = openTempApp();
    for (let k = 0; k < 6; k++)
      await call(app, 'import:upload-open', { fileName: `f${k}.csv`, sizeBytes: 10 });
    expect(uploadsLeft()).toHaveLength(4);
    app.close();
    expect(uploadsLeft()).toEqual([]);
  });
});

describe('toBase64', () => {
  it('matches Node for every length remainder', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000, 65_537]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7919) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
