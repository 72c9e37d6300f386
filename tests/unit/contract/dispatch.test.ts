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
    expect(result.error.message).toBe('Lots must be a number.');
    expect(result.error.details).toEqual({ issues: [expect.objectContaining({ path: ['lots'] })] });
  });

  it('says what is wrong in plain sentences naming the field, never in zod words or method names', async () => {
    app = openTempApp();
    const message = async (name: string, input: unknown) => {
      const result = await app!.dispatch(name, input);
      return result.ok ? null : result.error.message;
    };
    expect(await message('orders:place', { sessionId: 's1', side: 'BUY', lots: 5000 })).toBe(
      'Lots must be at most 1,000.',
    );
    expect(await message('orders:place', { sessionId: 's1', side: 'UP', lots: 1 })).toBe(
      'The side must be BUY or SELL.',
    );
    expect(await message('replay:jump', { sessionId: 's1', to: 'tomorrow' })).toBe(
      'The time must be a date and time in UTC, like 2024-03-04T07:00:00Z.',
    );
    expect(await message('replay:step', { sessionId: 's1', bars: 1, hack: true })).toBe(
      '"hack" is not a field this call takes.',
    );
    expect(await message('replay:step', { bars: 1 })).toBe('Session id (sessionId) is missing.');
    // A schema's own sentence wins, and the method's name stays out of it.
    const png = await message('journal:add-screenshot', {
      positionId: 'p',
      kind: 'manual',
      pngBase64: 'aGVsbG8gd29ybGQ=',
    });
    expect(png).toBe('The image is not a PNG (no PNG signature).');
    for (const text of [png]) expect(text).not.toMatch(/journal:|Invalid input|Too big|expected/);
  });

  it('rejects unexpected fields instead of ignoring them', async () => {
    app = openTempApp();
    const result = await app.dispatch('app:get-info', { sneaky: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
  });
});
