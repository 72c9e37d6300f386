import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { datasets, instruments, sessions, usageRecords } from '../../../src/main/db/schema';
import { monthPeriod, type Quotas } from '../../../src/main/features/plan/quotas';
import { AppError } from '../../../src/shared/errors';
import { openTempApp } from '../../helpers/temp-app';
import { DAY, MACHINE, makeKeys, signLicence, testClock } from '../licence/licence-tokens';

const keys = makeKeys();
const NOV_30_LAST_SECOND = Date.UTC(2026, 11, 1) / 1000 - 1;
const T0 = Date.UTC(2026, 10, 10, 12) / 1000; // 2026-11-10T12:00Z

let app: ReturnType<typeof openTempApp> | undefined;
afterEach(() => {
  app?.dispose();
  app = undefined;
});

function setup(start = T0) {
  const clock = testClock(start);
  let n = 0;
  app = openTempApp({
    clock,
    newId: () => `id-${++n}`,
    licencePublicKeyPem: keys.publicPem,
    hardwareId: MACHINE,
  });
  const quotas = app.ctx.quotas as Quotas;
  return { app, clock, quotas };
}

async function error(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

function symbols(a: NonNullable<typeof app>): { id: string; symbol: string }[] {
  return a.ctx.store.db.select({ id: instruments.id, symbol: instruments.symbol }).from(instruments).all();
}

function addDataset(a: NonNullable<typeof app>, instrumentId: string, timeframe = 'M1') {
  a.ctx.store.db
    .insert(datasets)
    .values({
      id: `ds-${instrumentId}-${timeframe}`,
      instrumentId,
      timeframe,
      uploadedAt: T0,
      recordsCount: 10,
      format: 'mt4',
      timezone: 'UTC',
      startTs: T0 - DAY,
      endTs: T0,
      createdAt: T0,
      updatedAt: T0,
    })
    .run();
}

function addSession(
  a: NonNullable<typeof app>,
  id: string,
  instrumentId: string,
  status: 'RUNNING' | 'COMPLETED',
) {
  a.ctx.store.db
    .insert(sessions)
    .values({
      id,
      userId: a.ctx.userId,
      instrumentId,
      name: id,
      timeframe: 'M1',
      baseTimeframe: 'M1',
      status,
      startTs: T0 - DAY,
      cursorTs: T0 - DAY,
      initialBalanceCents: 1_000_000,
      leverage: 100,
      spreadPts: 1,
      createdAt: T0,
      updatedAt: T0,
    })
    .run();
}

describe('usage period', () => {
  it('is the UTC calendar month', () => {
    expect(monthPeriod(T0)).toEqual({
      start: Date.UTC(2026, 10, 1) / 1000,
      end: Date.UTC(2026, 11, 1) / 1000,
    });
    expect(monthPeriod(Date.UTC(2026, 11, 31, 23, 59, 59) / 1000)).toEqual({
      start: Date.UTC(2026, 11, 1) / 1000,
      end: Date.UTC(2027, 0, 1) / 1000,
    });
  });
});

describe('free plan limits', () => {
  it('allows 5 report exports a month, then refuses with the limit and how to lift it', async () => {
    const { quotas } = setup();
    for (let i = 0; i < 5; i++) {
      await quotas.assertCanCreate('report-exports');
      quotas.record('report-exports');
    }
    const e = await error(quotas.assertCanCreate('report-exports'));
    expect(e.code).toBe('QUOTA_EXCEEDED');
    expect(e.message).toContain(
      'The free plan allows 5 report exports a month and you have used 5 this month',
    );
    expect(e.message).toContain('starts again on 2026-12-01 (UTC)');
    expect(e.message).toContain('upgrade in Settings → Account');
    expect(e.message).toContain('Everything you already made stays available');
    expect(e.details).toMatchObject({ kind: 'report-exports', plan: 'free', limit: 5, used: 5 });
    expect(e.toContractError()).toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });

  it('starts a fresh count when the month rolls over, keeping last month on record', async () => {
    const { app, clock, quotas } = setup(NOV_30_LAST_SECOND);
    for (let i = 0; i < 5; i++) quotas.record('report-exports');
    expect((await quotas.check('report-exports')).allowed).toBe(false);
    clock.advance(1); // 2026-12-01T00:00:00Z
    expect(await quotas.check('report-exports')).toMatchObject({ allowed: true, used: 0, limit: 5 });
    quotas.record('report-exports');
    const rows = app.ctx.store.db
      .select()
      .from(usageRecords)
      .where(eq(usageRecords.metric, 'report-exports'))
      .all()
      .map((r) => ({
        start: r.periodStart,
        end: r.periodEnd,
        used: r.used,
        plan: r.planCode,
        limit: r.planLimit,
      }));
    expect(rows).toEqual([
      {
        start: Date.UTC(2026, 10, 1) / 1000,
        end: Date.UTC(2026, 11, 1) / 1000,
        used: 5,
        plan: 'free',
        limit: 5,
      },
      {
        start: Date.UTC(2026, 11, 1) / 1000,
        end: Date.UTC(2027, 0, 1) / 1000,
        used: 1,
        plan: 'free',
        limit: 5,
      },
    ]);
  });

  it('limits instruments with data to 3, but never an import into an instrument that has data', async () => {
    const { app, quotas } = setup();
    const list = symbols(app);
    expect(list.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = list as [(typeof list)[0], (typeof list)[0], (typeof list)[0], (typeof list)[0]];
    for (const inst of [a, b]) {
      await quotas.assertCanCreate('instruments', { symbol: inst.symbol });
      addDataset(app, inst.id);
    }
    addDataset(app, a.id, 'H1'); // a second timeframe of the same instrument counts once
    await quotas.assertCanCreate('instruments', { symbol: c.symbol });
    addDataset(app, c.id);
    const e = await error(quotas.assertCanCreate('instruments', { symbol: d.symbol.toLowerCase() }));
    expect(e.code).toBe('QUOTA_EXCEEDED');
    expect(e.message).toContain('The free plan allows data for 3 instruments and you have 3');
    expect(e.message).toContain(`To import ${d.symbol}`);
    await expect(quotas.assertCanCreate('instruments', { symbol: b.symbol })).resolves.toBeUndefined();
    await expect(quotas.assertCanCreate('instruments', { instrumentId: c.id })).resolves.toBeUndefined();
  });

  it('limits active sessions to 2; completed sessions do not count', async () => {
    const { app, quotas } = setup();
    const [inst] = symbols(app);
    addSession(app, 's1', inst!.id, 'RUNNING');
    addSession(app, 's2', inst!.id, 'COMPLETED');
    await quotas.assertCanCreate('active-sessions');
    addSession(app, 's3', inst!.id, 'RUNNING');
    const e = await error(quotas.assertCanCreate('active-sessions'));
    expect(e.message).toContain('The free plan allows 2 active sessions and you have 2');
    expect(e.message).toContain('Complete or delete a session');
  });
});

describe('paid plans and the licence lifecycle', () => {
  it('lifts the limits to the licence entitlements; absent features mean no limit', async () => {
    const { app, quotas } = setup();
    await app.ctx.licence?.install(
      await signLicence(keys, { iat: T0, exp: T0 + 30 * DAY, features: { reportExportsPerMonth: 200 } }),
    );
    expect(await quotas.limits()).toEqual({
      plan: 'pro',
      limits: {
        instruments: null,
        'active-sessions': null,
        'report-exports': 200,
        'automation-clients': null,
        backtests: null,
      },
    });
    for (let i = 0; i < 6; i++) {
      await quotas.assertCanCreate('report-exports');
      quotas.record('report-exports');
    }
    const row = app.ctx.store.db.select().from(usageRecords).get();
    expect(row).toMatchObject({ used: 6, planCode: 'pro', planLimit: 200 });
  });

  it('a paid plan never allows less than the free plan', async () => {
    const { app, quotas } = setup();
    await app.ctx.licence?.install(
      await signLicence(keys, {
        iat: T0,
        exp: T0 + 30 * DAY,
        features: { maxInstruments: 1, maxActiveSessions: 10 },
      }),
    );
    expect((await quotas.limits()).limits).toMatchObject({ instruments: 3, 'active-sessions': 10 });
  });

  it('keeps the paid limits in grace; after it, creating beyond the free limits is blocked and nothing is deleted', async () => {
    const { app, clock, quotas } = setup();
    await app.ctx.licence?.install(
      await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, graceDays: 7, features: { maxInstruments: 50 } }),
    );
    const list = symbols(app).slice(0, 5);
    for (const inst of list.slice(0, 4)) {
      await quotas.assertCanCreate('instruments', { symbol: inst.symbol });
      addDataset(app, inst.id);
    }
    clock.set(T0 + 10 * DAY); // in grace
    const inGrace = await quotas.plan();
    expect(inGrace).toMatchObject({
      plan: 'pro',
      isFree: false,
      licence: { state: 'grace', graceDaysLeft: 4 },
    });
    await expect(quotas.assertCanCreate('instruments', { symbol: list[4]!.symbol })).resolves.toBeUndefined();

    clock.set(T0 + 15 * DAY); // grace over
    const e = await error(quotas.assertCanCreate('instruments', { symbol: list[4]!.symbol }));
    expect(e.message).toContain('The free plan allows data for 3 instruments and you have 4');
    expect(e.message).toContain('Your Pro licence expired on 2026-11-17');
    // The four instruments' data are all still there and still take more data.
    expect(app.ctx.store.db.select().from(datasets).all()).toHaveLength(4);
    await expect(quotas.assertCanCreate('instruments', { symbol: list[3]!.symbol })).resolves.toBeUndefined();
    const plan = await quotas.plan();
    expect(plan).toMatchObject({ plan: 'free', isFree: true, licence: { state: 'expired', plan: 'pro' } });
    expect(plan.usage.find((u) => u.kind === 'instruments')).toMatchObject({ used: 4, limit: 3 });
  });
});

describe('account:get-plan', () => {
  it('shows the plan, the licence and usage against the limits through the contract', async () => {
    const { app, quotas } = setup();
    quotas.record('report-exports');
    quotas.record('instruments');
    const result = await app.dispatch('account:get-plan', {});
    expect(result).toEqual({
      ok: true,
      value: {
        plan: 'free',
        isFree: true,
        licence: expect.objectContaining({ state: 'none', hardwareId: MACHINE }),
        periodStart: Date.UTC(2026, 10, 1) / 1000,
        periodEnd: Date.UTC(2026, 11, 1) / 1000,
        usage: [
          {
            kind: 'instruments',
            label: 'Instruments with data',
            measure: 'now',
            used: 0,
            limit: 3,
            createdThisMonth: 1,
          },
          {
            kind: 'active-sessions',
            label: 'Active sessions',
            measure: 'now',
            used: 0,
            limit: 2,
            createdThisMonth: 0,
          },
          {
            kind: 'report-exports',
            label: 'Report exports this month',
            measure: 'month',
            used: 1,
            limit: 5,
            createdThisMonth: 1,
          },
          {
            kind: 'automation-clients',
            label: 'Automation clients',
            measure: 'now',
            used: 0,
            limit: 2,
            createdThisMonth: 0,
          },
          {
            kind: 'backtests',
            label: 'Backtests this month',
            measure: 'month',
            used: 0,
            limit: 30,
            createdThisMonth: 0,
          },
        ],
      },
    });
    expect(await app.dispatch('account:get-plan', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
