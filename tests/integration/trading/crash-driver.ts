import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';

async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K> | null> {
  const r = await app.dispatch(name, input);
  if (!r.ok) {
    if (r.error.code === 'ORDER_REJECTED') return null;
    throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  }
  return r.value as MethodOutput<K>;
}

/**
 * One step of a deterministic strategy that depends only on the cursor. It is idempotent per
 * cursor (orders carry a tag of the cursor they were placed at), so a driver killed between an
 * action and the step resumes without doubling anything.
 */
export async function driveStep(
  app: TickstepApp,
  sessionId: string,
): Promise<{ cursorTs: number; done: boolean }> {
  const session = (await call(app, 'sessions:get', { sessionId }))!;
  if (session.status === 'COMPLETED') return { cursorTs: session.cursorTs, done: true };
  const cursor = session.cursorTs;
  const index = Math.floor(cursor / 60);
  const orders = (await call(app, 'orders:list', { sessionId }))!;
  const placed = (tag: string) => orders.some((o) => o.comment === tag);
  if (index % 5 === 0 && !placed(`m${cursor}`)) {
    await call(app, 'orders:place', {
      sessionId,
      side: index % 10 === 0 ? 'BUY' : 'SELL',
      lots: 0.3,
      slPips: 8,
      tpPips: 12,
      comment: `m${cursor}`,
    });
  }
  if (index % 7 === 0 && !placed(`l${cursor}`)) {
    const snap = (await call(app, 'replay:snapshot', { sessionId, count: 1 }))!;
    await call(app, 'orders:place', {
      sessionId,
      side: 'BUY',
      type: 'LIMIT',
      lots: 0.2,
      price: Math.round((snap.account.ask - 0.0003) * 1e5) / 1e5,
      slPips: 6,
      trailingPts: 40,
      comment: `l${cursor}`,
    });
  }
  if (index % 23 === 0) await call(app, 'positions:close-all', { sessionId });
  const tick = (await call(app, 'replay:step', { sessionId, bars: 1 }))!;
  return { cursorTs: tick.cursorTs, done: tick.status === 'COMPLETED' };
}
