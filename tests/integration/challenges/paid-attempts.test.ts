/**
 * Paid-only challenge templates on the desktop (issue 18): the attempt is unlocked by the signed
 * licence (checked offline), consumed once when the challenge starts, kept consumed across a
 * restart and a session deletion, and refused with a clear error when there is none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { challengeAttemptUses } from '../../../src/main/db/schema';
import type { PaidAttemptClaim } from '../../../src/shared/paid-attempts';
import { openTempApp } from '../../helpers/temp-app';
import { DAY, MACHINE, makeKeys, signLicence, tamper } from '../../unit/licence/licence-tokens';
import { seedCandles } from '../trading/helpers';
import { call, craftedCandles, START } from './helpers';

const PAID = 'paid-two-step-200k';
const T0 = 1_700_000_000;
const keys = makeKeys();
const apps: ReturnType<typeof openTempApp>[] = [];
afterEach(() => {
  while (apps.length) apps.pop()!.dispose();
});

function open(dataDir?: string) {
  let n = 0;
  const app = openTempApp({
    ...(dataDir ? { dataDir } : {}),
    clock: { nowSeconds: () => T0 },
    newId: () => `p${process.pid}-${Date.now().toString(36)}-${++n}`,
    licencePublicKeyPem: keys.publicPem,
    hardwareId: MACHINE,
    startOnline: false,
  });
  apps.push(app);
  if (!dataDir) seedCandles(app, 'EURUSD', 'M1', craftedCandles(200, {}));
  return app;
}

async function licence(app: ReturnType<typeof open>, attempts?: PaidAttemptClaim[]) {
  const token = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, attempts });
  const r = await app.ctx.licence.install(token);
  expect(r.accepted).toBe(true);
  return token;
}

const attempt = (id: string, kind: 'attempt' | 'reset' = 'attempt', templateId = PAID): PaidAttemptClaim => ({
  id,
  kind,
  templateId,
});

async function refused(app: ReturnType<typeof open>, templateId = PAID) {
  const r = await app.dispatch('challenges:start', { ...START, templateId });
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('started');
  expect(r.error.code).toBe('FORBIDDEN');
  expect(r.error.message).toContain('needs a paid attempt');
  expect(r.error.details).toEqual({ reason: 'paid-attempt-required', templateId: PAID });
  return r.error;
}

const uses = (app: ReturnType<typeof open>) => app.ctx.store.db.select().from(challengeAttemptUses).all();

describe('paid-only challenge templates', () => {
  it('are refused without a licence or with a licence carrying no attempt, creating nothing; free presets still start', async () => {
    const app = open();
    await refused(app);
    await licence(app);
    await refused(app);
    // An attempt for another template does not unlock this one.
    await licence(app, [attempt('pi-other', 'attempt', 'some-other-template')]);
    await refused(app);
    expect(await call(app, 'challenges:list', {})).toEqual([]);
    expect(await call(app, 'sessions:list', {})).toEqual([]);
    expect(uses(app)).toEqual([]);
    const free = await call(app, 'challenges:start', START);
    expect(free.status).toBe('ACTIVE');
    expect(uses(app)).toEqual([]);
  });

  it('start with an attempt from the licence, consuming it once; a second start is refused, also after a restart', async () => {
    const app = open();
    await licence(app, [attempt('pi-1')]);
    const c = await call(app, 'challenges:start', { ...START, templateId: PAID });
    expect(c.status).toBe('ACTIVE');
    expect(c.initialBalanceCents).toBe(20_000_000);
    expect(uses(app)).toEqual([
      {
        attemptId: 'pi-1',
        userId: expect.any(String),
        kind: 'attempt',
        templateId: PAID,
        challengeId: c.id,
        usedAt: T0,
      },
    ]);
    await refused(app);
    // Deleting the challenge's session does not give the attempt back.
    expect((await app.dispatch('sessions:delete', { sessionId: c.sessionId })).ok).toBe(true);
    await refused(app);

    // Offline restart: the stored licence is verified again and the use is remembered.
    apps.splice(apps.indexOf(app), 1);
    app.close();
    const again = open(app.dataDir);
    await refused(again);
    expect(uses(again)).toHaveLength(1);
  });

  it('a copy of a paid template needs an attempt too; a reset restarts only a template started before', async () => {
    const app = open();
    const copy = await call(app, 'challenges:copy-template', { templateId: PAID, name: 'Mine' });
    const copyOfCopy = await call(app, 'challenges:copy-template', { templateId: copy.id });
    await refused(app, copyOfCopy.id);
    // A reset alone does not start a first challenge.
    await licence(app, [attempt('pi-r', 'reset')]);
    const err = await refused(app, copy.id);
    expect(err.message).toContain('a reset only restarts');
    // With an attempt and a reset: the attempt starts the copy, then the reset restarts the template.
    await licence(app, [attempt('pi-r', 'reset'), attempt('pi-a')]);
    const first = await call(app, 'challenges:start', { ...START, templateId: copyOfCopy.id });
    expect(first.status).toBe('ACTIVE');
    const second = await call(app, 'challenges:start', { ...START, templateId: PAID });
    expect(second.status).toBe('ACTIVE');
    expect(uses(app).map((u) => [u.attemptId, u.kind, u.templateId, u.challengeId])).toEqual([
      ['pi-a', 'attempt', PAID, first.id],
      ['pi-r', 'reset', PAID, second.id],
    ]);
    await refused(app);
  });

  it('a refunded attempt is gone from the next licence; a forged or expired licence unlocks nothing', async () => {
    const app = open();
    await licence(app, [attempt('pi-1')]);
    // The refreshed token after a refund no longer carries it.
    await licence(app, []);
    await refused(app);
    // Adding an attempt to a genuine token breaks its signature: not installed, nothing unlocked.
    const genuine = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY });
    const forged = tamper(genuine, (c) => {
      c.attempts = [attempt('pi-forged')];
    });
    expect((await app.ctx.licence.install(forged)).accepted).toBe(false);
    await refused(app);
    // A malformed attempts claim, even signed, is not a licence.
    const badClaim = await signLicence(keys, {
      iat: T0,
      exp: T0 + 7 * DAY,
      attempts: [{ id: 'x', kind: 'gift', templateId: PAID } as unknown as PaidAttemptClaim],
    });
    expect(await app.ctx.licence.install(badClaim)).toMatchObject({ accepted: false, reason: 'malformed' });
    // Expired past its grace: the attempts it carries are not usable.
    const old = await signLicence(keys, {
      iat: T0 - 30 * DAY,
      exp: T0 - 20 * DAY,
      attempts: [attempt('pi-old')],
    });
    expect((await app.ctx.licence.install(old)).accepted).toBe(false);
    expect(app.ctx.licence.paidAttempts()).toEqual([]);
    await refused(app);
    expect(uses(app)).toEqual([]);
  });
});
