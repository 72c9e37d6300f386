import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { chartSetups, sessions } from '../../../src/main/db/schema';
import { openTempApp } from '../../helpers/temp-app';
import { call, insertSession, ok } from './helpers';

const T0 = Date.UTC(2019, 0, 2) / 1000;

describe('studies:get / studies:save', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  it('returns defaults, then what was saved, with parameter defaults filled in', async () => {
    app = openTempApp();
    const sessionId = insertSession(app, { cursorTs: T0 });
    const fresh = await ok(app, 'studies:get', { sessionId });
    expect(fresh).toEqual({
      sessionId,
      indicators: [],
      settings: { magnet: true, defaultDrawingScope: 'instrument', indicatorPaneHeight: 110 },
      updatedAt: null,
    });

    const saved = await ok(app, 'studies:save', {
      sessionId,
      indicators: [
        { id: 'a', spec: { kind: 'ema', period: 50 }, pane: 'price', color: '#ff8800' },
        { id: 'b', spec: { kind: 'macd' }, pane: 'own' },
        { id: 'c', spec: { kind: 'bollinger', period: 20, multiplier: 2.5, source: 'hlc3' }, pane: 'price' },
      ],
      settings: { magnet: false, defaultDrawingScope: 'session', indicatorPaneHeight: 140 },
    });
    expect(saved.indicators[0]).toEqual({
      id: 'a',
      spec: { kind: 'ema', period: 50, source: 'close' },
      pane: 'price',
      color: '#ff8800',
      visible: true,
    });
    expect(saved.indicators[1]!.spec).toEqual({
      kind: 'macd',
      fast: 12,
      slow: 26,
      signal: 9,
      source: 'close',
    });
    expect(saved.settings.magnet).toBe(false);
    expect(typeof saved.updatedAt).toBe('number');
    expect(await ok(app, 'studies:get', { sessionId })).toEqual(saved);

    // Saving again replaces the setup.
    const replaced = await ok(app, 'studies:save', { sessionId, indicators: [] });
    expect(replaced.indicators).toEqual([]);
    expect(replaced.settings.defaultDrawingScope).toBe('instrument');
  });

  it('keeps each session its own setup', async () => {
    app = openTempApp();
    const a = insertSession(app, { cursorTs: T0 });
    const b = insertSession(app, { cursorTs: T0 });
    await ok(app, 'studies:save', {
      sessionId: a,
      indicators: [{ id: 'x', spec: { kind: 'rsi' }, pane: 'own' }],
    });
    expect((await ok(app, 'studies:get', { sessionId: b })).indicators).toEqual([]);
  });

  it('rejects bad inputs with INVALID_INPUT naming the field, and writes nothing', async () => {
    app = openTempApp();
    const sessionId = insertSession(app, { cursorTs: T0 });
    const bad: [unknown, RegExp][] = [
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'sma', period: 0 }, pane: 'price' }] }, /period/],
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'sma', period: 2.5 }, pane: 'price' }] }, /period/],
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'zigzag' }, pane: 'price' }] }, /kind/],
      [
        { sessionId, indicators: [{ id: 'a', spec: { kind: 'macd', fast: 30, slow: 10 }, pane: 'own' }] },
        /fast/,
      ],
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'rsi' }, pane: 'left' }] }, /pane/],
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'rsi' }, pane: 'own', color: 'red' }] }, /colour/],
      [{ sessionId, indicators: [{ id: 'a', spec: { kind: 'rsi', extra: 1 }, pane: 'own' }] }, /extra/],
      [
        {
          sessionId,
          indicators: [
            { id: 'a', spec: { kind: 'rsi' }, pane: 'own' },
            { id: 'a', spec: { kind: 'atr' }, pane: 'own' },
          ],
        },
        /unique/,
      ],
      [{ sessionId, indicators: [], settings: { indicatorPaneHeight: 5 } }, /indicatorPaneHeight/],
      [{ sessionId, indicators: [], surprise: true }, /surprise/],
      [{ indicators: [] }, /sessionId/],
    ];
    for (const [input, message] of bad) {
      const result = await call(app, 'studies:save', input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
    }
    expect(app.ctx.store.db.select().from(chartSetups).all()).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown session', async () => {
    app = openTempApp();
    const result = await call(app, 'studies:get', { sessionId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const saved = await call(app, 'studies:save', { sessionId: 'nope', indicators: [] });
    expect(saved).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('is deleted with its session', async () => {
    app = openTempApp();
    const sessionId = insertSession(app, { cursorTs: T0 });
    await ok(app, 'studies:save', {
      sessionId,
      indicators: [{ id: 'x', spec: { kind: 'atr' }, pane: 'own' }],
    });
    app.ctx.store.db.delete(sessions).where(eq(sessions.id, sessionId)).run();
    expect(app.ctx.store.db.select().from(chartSetups).all()).toEqual([]);
  });
});
