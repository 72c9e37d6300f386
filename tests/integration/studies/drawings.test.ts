import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { drawings, sessions } from '../../../src/main/db/schema';
import { openTempApp } from '../../helpers/temp-app';
import { call, insertSession, ok } from './helpers';

const T0 = Date.UTC(2019, 0, 2) / 1000;
const HOUR = 3600;

const trend = (scope?: 'instrument' | 'session') => ({
  kind: 'trend-line',
  ...(scope ? { scope } : {}),
  points: [
    { ts: T0 - HOUR, price: 1.1 },
    { ts: T0, price: 1.2 },
  ],
});

describe('drawings', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  it('saves every kind, lists, updates and deletes', async () => {
    app = openTempApp();
    const sessionId = insertSession(app, { cursorTs: T0 });
    const p = (price: number, ts = T0) => ({ ts, price });
    const inputs = [
      { kind: 'horizontal-line', points: [p(1.15)] },
      trend(),
      { kind: 'ray', points: [p(1.1, T0 - HOUR), p(1.12)] },
      { kind: 'rectangle', points: [p(1.1, T0 - HOUR), p(1.12)], style: { color: '#00ff00', lineWidth: 2 } },
      { kind: 'fibonacci', points: [p(1.1, T0 - HOUR), p(1.2)] },
      { kind: 'text', points: [p(1.13)], style: { text: 'Breakout?' } },
    ];
    const saved = [];
    for (const drawing of inputs) saved.push(await ok(app, 'drawings:save', { sessionId, drawing }));
    expect(saved.map((d) => d.kind)).toEqual(inputs.map((d) => d.kind));
    expect(saved[0]).toMatchObject({
      scope: 'instrument',
      sessionId: null,
      style: { color: '#1e90ff', lineWidth: 1 },
      revealTs: T0,
    });
    expect(saved[5]!.style.text).toBe('Breakout?');
    expect(await ok(app, 'drawings:list', { sessionId })).toEqual(saved);

    const moved = await ok(app, 'drawings:save', {
      sessionId,
      drawing: { id: saved[0]!.id, kind: 'horizontal-line', points: [p(1.16)] },
    });
    expect(moved.id).toBe(saved[0]!.id);
    expect(moved.points).toEqual([p(1.16)]);

    expect(await ok(app, 'drawings:delete', { sessionId, drawingId: saved[1]!.id })).toEqual({
      deleted: true,
    });
    const left = await ok(app, 'drawings:list', { sessionId });
    expect(left.map((d: { id: string }) => d.id)).toEqual([saved[0]!.id, ...saved.slice(2).map((d) => d.id)]);
    const again = await call(app, 'drawings:delete', { sessionId, drawingId: saved[1]!.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows instrument drawings in every session of the instrument, session drawings only in theirs', async () => {
    app = openTempApp();
    const a = insertSession(app, { cursorTs: T0 });
    const b = insertSession(app, { cursorTs: T0 + HOUR });
    const otherInstrument = insertSession(app, { cursorTs: T0 + HOUR, symbol: 'GBPUSD' });
    const shared = await ok(app, 'drawings:save', { sessionId: a, drawing: trend() });
    const own = await ok(app, 'drawings:save', { sessionId: a, drawing: trend('session') });
    expect(own).toMatchObject({ scope: 'session', sessionId: a });

    const ids = async (sessionId: string) =>
      (await ok(app!, 'drawings:list', { sessionId })).map((d: { id: string }) => d.id);
    expect(await ids(a)).toEqual([shared.id, own.id]);
    expect(await ids(b)).toEqual([shared.id]);
    expect(await ids(otherInstrument)).toEqual([]);

    // Another session may not touch a session drawing that is not its own.
    const foreign = await call(app, 'drawings:delete', { sessionId: b, drawingId: own.id });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const foreignEdit = await call(app, 'drawings:save', {
      sessionId: b,
      drawing: { ...trend(), id: own.id },
    });
    expect(foreignEdit).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const otherDelete = await call(app, 'drawings:delete', {
      sessionId: otherInstrument,
      drawingId: shared.id,
    });
    expect(otherDelete).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('never shows an instrument drawing in a session whose replay has not reached the time it was drawn', async () => {
    app = openTempApp();
    const late = insertSession(app, { cursorTs: T0 + 24 * HOUR });
    const early = insertSession(app, { cursorTs: T0 });
    const drawn = await ok(app, 'drawings:save', { sessionId: late, drawing: trend() });
    expect(drawn.revealTs).toBe(T0 + 24 * HOUR);
    expect(await ok(app, 'drawings:list', { sessionId: early })).toEqual([]);
    // Once the early session's replay passes that time, it appears.
    app.ctx.store.db
      .update(sessions)
      .set({ cursorTs: T0 + 25 * HOUR })
      .where(eq(sessions.id, early))
      .run();
    expect((await ok(app, 'drawings:list', { sessionId: early })).map((d: { id: string }) => d.id)).toEqual([
      drawn.id,
    ]);
  });

  it('an edit never makes an instrument drawing visible earlier than its latest replay time', async () => {
    app = openTempApp();
    const early = insertSession(app, { cursorTs: T0 });
    const late = insertSession(app, { cursorTs: T0 + 24 * HOUR });
    const drawn = await ok(app, 'drawings:save', { sessionId: early, drawing: trend() });
    expect(drawn.revealTs).toBe(T0);
    // Moved in the later session: it now carries hindsight up to that session's cursor.
    const moved = await ok(app, 'drawings:save', { sessionId: late, drawing: { ...trend(), id: drawn.id } });
    expect(moved.revealTs).toBe(T0 + 24 * HOUR);
    expect(await ok(app, 'drawings:list', { sessionId: early })).toEqual([]);
    // Turned into a session drawing of the later session: it leaves the instrument's list.
    const own = await ok(app, 'drawings:save', {
      sessionId: late,
      drawing: { ...trend('session'), id: drawn.id },
    });
    expect(own).toMatchObject({ scope: 'session', sessionId: late });
  });

  it('deleting a session removes its session drawings and keeps its instrument drawings', async () => {
    app = openTempApp();
    const a = insertSession(app, { cursorTs: T0 });
    const b = insertSession(app, { cursorTs: T0 });
    const shared = await ok(app, 'drawings:save', { sessionId: a, drawing: trend() });
    await ok(app, 'drawings:save', { sessionId: a, drawing: trend('session') });
    await ok(app, 'drawings:save', {
      sessionId: a,
      drawing: { kind: 'text', scope: 'session', points: [{ ts: T0, price: 1 }], style: { text: 'x' } },
    });
    // sessions:delete belongs to the replay service; the store's cascade is what removes drawings.
    const deleted = await call(app, 'sessions:delete', { sessionId: a });
    if (!deleted.ok) app.ctx.store.db.delete(sessions).where(eq(sessions.id, a)).run();
    const rows = app.ctx.store.db.select().from(drawings).all();
    expect(rows.map((r) => r.id)).toEqual([shared.id]);
    expect((await ok(app, 'drawings:list', { sessionId: b })).map((d: { id: string }) => d.id)).toEqual([
      shared.id,
    ]);
  });

  it('rejects malformed drawings with INVALID_INPUT and writes nothing', async () => {
    app = openTempApp();
    const sessionId = insertSession(app, { cursorTs: T0 });
    const bad: [unknown, RegExp][] = [
      [{ kind: 'trend-line', points: [{ ts: T0, price: 1 }] }, /trend-line needs 2 points/],
      [
        {
          kind: 'horizontal-line',
          points: [
            { ts: T0, price: 1 },
            { ts: T0, price: 2 },
          ],
        },
        /needs 1 point/,
      ],
      [{ kind: 'text', points: [{ ts: T0, price: 1 }] }, /needs some text/],
      [{ kind: 'text', points: [{ ts: T0, price: 1 }], style: { text: '   ' } }, /needs some text/],
      [{ kind: 'circle', points: [{ ts: T0, price: 1 }] }, /kind/],
      [{ kind: 'ray', points: [] }, /points/],
      [{ kind: 'horizontal-line', points: [{ ts: 'yesterday', price: 1 }] }, /points\.0\.ts/],
      [{ kind: 'horizontal-line', points: [{ ts: T0, price: Number.NaN }] }, /points\.0\.price/],
      [{ kind: 'horizontal-line', points: [{ ts: T0 + 0.5, price: 1 }] }, /points\.0\.ts/],
      [{ kind: 'horizontal-line', points: [{ ts: T0, price: 1 }], style: { lineWidth: 9 } }, /lineWidth/],
      [{ kind: 'horizontal-line', points: [{ ts: T0, price: 1 }], style: { color: 'javascript:' } }, /color/],
      [{ kind: 'horizontal-line', points: [{ ts: T0, price: 1 }], scope: 'global' }, /scope/],
      [{ kind: 'horizontal-line', points: [{ ts: T0, price: 1 }], owner: 'me' }, /owner/],
    ];
    for (const [drawing, message] of bad) {
      const result = await call(app, 'drawings:save', { sessionId, drawing });
      expect(result.ok, JSON.stringify(drawing)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(message);
    }
    const missing = await call(app, 'drawings:save', { sessionId: 'nope', drawing: trend() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const unknownId = await call(app, 'drawings:save', { sessionId, drawing: { ...trend(), id: 'nope' } });
    expect(unknownId).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(app, 'drawings:list', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(app, 'drawings:delete', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(app.ctx.store.db.select().from(drawings).all()).toEqual([]);
  });
});
