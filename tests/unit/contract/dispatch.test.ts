import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';

describe('contract dispatcher', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  it('answers a valid call with { ok: true, value }', async () => {
    app = openTempApp();
    const result = await app.dispatch('app:get-info', {});
    expect(result).toEqual({ ok: true, value: { version: '0.1.0', mode: 'browser', dataDir: app.dataDir } });
  });

  it('rejects an unknown method with a stable code', async () => {
    app = openTempApp();
    const result = await app.dispatch('orders:teleport', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'Unknown method "orders:teleport"' },
    });
  });

  it('names the field of a call with a wrong type', async () => {
    app = openTempApp();
    const result = await app.dispatch('orders:place', { sessionId: 's1', side: 'BUY', lots: 'one' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toContain('lots');
    expect(result.error.details).toEqual({ issues: [expect.objectContaining({ path: ['lots'] })] });
  });

  it('rejects unexpected fields instead of ignoring them', async () => {
    app = openTempApp();
    const result = await app.dispatch('app:get-info', { sneaky: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
  });
});
