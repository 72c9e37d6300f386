import { eq } from 'drizzle-orm';
import { instruments, sessions } from '../../../src/main/db/schema';
import type { MethodName, MethodOutput } from '../../../src/shared/contract';
import type { ContractResult } from '../../../src/shared/errors';
import type { openTempApp } from '../../helpers/temp-app';

type TempApp = ReturnType<typeof openTempApp>;

/**
 * A session row written straight into the store: the studies service only needs a session's
 * instrument and replay cursor, and this keeps these tests independent of the replay service.
 */
export function insertSession(
  app: TempApp,
  opts: { symbol?: string; cursorTs: number; id?: string },
): string {
  const { db } = app.ctx.store;
  const instrument = db
    .select()
    .from(instruments)
    .where(eq(instruments.symbol, opts.symbol ?? 'EURUSD'))
    .get();
  if (!instrument) throw new Error(`no instrument ${opts.symbol}`);
  const id = opts.id ?? app.ctx.newId();
  db.insert(sessions)
    .values({
      id,
      userId: app.ctx.userId,
      instrumentId: instrument.id,
      name: `Test ${id}`,
      timeframe: 'M1',
      baseTimeframe: 'M1',
      status: 'PAUSED',
      startTs: opts.cursorTs,
      cursorTs: opts.cursorTs,
      initialBalanceCents: 1_000_000,
      leverage: 100,
      spreadPts: 10,
      createdAt: 1,
      updatedAt: 1,
    })
    .run();
  return id;
}

/** Calls through the dispatcher, as IPC and the socket do, and returns the raw result. */
export function call(app: TempApp, name: string, input: unknown): Promise<ContractResult<unknown>> {
  return app.dispatch(name, input);
}

/** A call that must succeed, typed by its method. */
export async function ok<K extends MethodName>(
  app: TempApp,
  name: K,
  input: unknown,
): Promise<MethodOutput<K>> {
  const result = await call(app, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<K>;
}
