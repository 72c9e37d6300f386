import { describe, expect, it } from 'vitest';
import { LicenceManager } from '../../../src/main/features/plan/licence';
import {
  DAY,
  MACHINE,
  makeKeys,
  memoryStore,
  OTHER_MACHINE,
  signLicence,
  tamper,
  testClock,
} from './licence-tokens';

const T0 = Date.UTC(2026, 10, 1) / 1000; // 2026-11-01T00:00:00Z
const keys = makeKeys();

function manager(store = memoryStore(), clock = testClock(T0), publicKeyPem: string | null = keys.publicPem) {
  return { m: new LicenceManager({ store, publicKeyPem, hardwareId: MACHINE, clock }), store, clock };
}

describe('licence states', () => {
  it('has no licence and the free plan until a token is installed', async () => {
    const { m } = manager();
    await m.ready();
    expect(m.status()).toMatchObject({ state: 'none', plan: null, hardwareId: MACHINE });
    expect(m.plan()).toBe('free');
    expect(m.entitlements()).toBeNull();
  });

  it('accepts a valid token, stores it and reads it back after a restart', async () => {
    const { m, store, clock } = manager();
    const token = await signLicence(keys, { iat: T0, exp: T0 + 30 * DAY });
    const result = await m.install(token);
    expect(result.accepted).toBe(true);
    expect(m.status()).toMatchObject({
      state: 'active',
      plan: 'pro',
      email: 'trader@example.com',
      expiresAt: T0 + 30 * DAY,
      graceEndsAt: T0 + 37 * DAY,
      graceDaysLeft: null,
    });
    expect(m.status().message).toContain('valid until 2026-12-01');
    expect(m.plan()).toBe('pro');
    expect(store.read()).toBe(token);

    const restarted = new LicenceManager({ store, publicKeyPem: keys.publicPem, hardwareId: MACHINE, clock });
    await restarted.ready();
    expect(restarted.status().state).toBe('active');
  });

  it('keeps the paid plan past expiry for the grace period, showing the days left', async () => {
    const { m, clock } = manager();
    await m.install(await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, graceDays: 7 }));
    clock.set(T0 + 7 * DAY + DAY / 2); // half a day past expiry: 6.5 days of grace left
    const status = m.status();
    expect(status).toMatchObject({ state: 'grace', graceDaysLeft: 7, graceEndsAt: T0 + 14 * DAY });
    expect(status.message).toMatch(/keeps working offline for 7 more days \(until 2026-11-15\)/);
    expect(m.plan()).toBe('pro');
    clock.set(T0 + 14 * DAY - 60); // the last minute
    expect(m.status()).toMatchObject({ state: 'grace', graceDaysLeft: 1 });
    expect(m.status().message).toContain('1 more day ');
  });

  it('falls back to the free plan once the grace period is over, and says so after a restart too', async () => {
    const { m, store, clock } = manager();
    await m.install(await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, graceDays: 3 }));
    clock.set(T0 + 10 * DAY);
    expect(m.status()).toMatchObject({ state: 'expired', plan: 'pro', graceDaysLeft: null });
    expect(m.plan()).toBe('free');
    expect(m.entitlements()).toBeNull();

    const restarted = new LicenceManager({ store, publicKeyPem: keys.publicPem, hardwareId: MACHINE, clock });
    await restarted.ready();
    const status = restarted.status();
    expect(status).toMatchObject({ state: 'expired', plan: 'pro', expiresAt: T0 + 7 * DAY });
    expect(status.message).toMatch(/expired on 2026-11-08 and its 3-day offline grace ended on 2026-11-11/);
    expect(status.message).toContain('Everything you made is kept');
    expect(restarted.plan()).toBe('free');
    // The token is kept (a refresh replaces it); nothing is deleted.
    expect(store.read()).not.toBeNull();
  });

  it('rejects a tampered token and keeps the licence in force', async () => {
    const { m, store } = manager();
    const good = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, plan: 'pro' });
    await m.install(good);
    const forged = tamper(good, (c) => {
      c.plan = 'team';
      c.exp = (c.exp as number) + 999 * DAY;
    });
    const result = await m.install(forged);
    expect(result).toMatchObject({ accepted: false, reason: 'bad_signature' });
    expect(store.read()).toBe(good);
    expect(m.status()).toMatchObject({ state: 'active', plan: 'pro', expiresAt: T0 + 7 * DAY });
  });

  it('treats a tampered token found on disk as invalid: free plan, with the reason', async () => {
    const good = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY });
    const { m } = manager(memoryStore(tamper(good, (c) => (c.graceDays = 365))));
    await m.ready();
    expect(m.status()).toMatchObject({ state: 'invalid', reason: 'bad_signature', plan: null });
    expect(m.status().message).toContain('failed its signature check');
    expect(m.status().message).toContain('free plan applies');
    expect(m.plan()).toBe('free');
  });

  it('rejects a token signed by another key', async () => {
    const { m } = manager();
    const result = await m.install(await signLicence(makeKeys(), { iat: T0, exp: T0 + 7 * DAY }));
    expect(result).toMatchObject({ accepted: false, reason: 'bad_signature' });
    expect(m.status().state).toBe('none');
  });

  it("rejects another machine's token", async () => {
    const other = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY, hwid: OTHER_MACHINE });
    const { m } = manager();
    expect(await m.install(other)).toMatchObject({ accepted: false, reason: 'wrong_hardware' });
    const copied = manager(memoryStore(other)).m;
    await copied.ready();
    expect(copied.status()).toMatchObject({ state: 'invalid', reason: 'wrong_hardware' });
    expect(copied.status().message).toContain('belongs to another computer');
    expect(copied.plan()).toBe('free');
  });

  it('rejects garbage and a token dated in the future', async () => {
    const { m } = manager();
    expect(await m.install('not.a.token')).toMatchObject({ accepted: false, reason: 'malformed' });
    const future = await signLicence(keys, { iat: T0 + 30 * DAY, exp: T0 + 60 * DAY });
    expect(await m.install(future)).toMatchObject({ accepted: false, reason: 'not_yet_valid' });
  });

  it('rejects every token when the build has no public key', async () => {
    const token = await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY });
    const { m } = manager(memoryStore(token), testClock(T0), null);
    await m.ready();
    expect(m.status()).toMatchObject({ state: 'invalid', reason: 'no_public_key' });
    expect(m.plan()).toBe('free');
  });

  it('forgets the licence on clear', async () => {
    const { m, store } = manager();
    await m.install(await signLicence(keys, { iat: T0, exp: T0 + 7 * DAY }));
    m.clear();
    expect(store.read()).toBeNull();
    expect(m.status().state).toBe('none');
    expect(m.plan()).toBe('free');
  });

  it('reports an unreadable store as invalid rather than failing', async () => {
    const broken = {
      ...memoryStore(),
      read: () => {
        throw new Error('EACCES');
      },
    };
    const { m } = manager(broken);
    await m.ready();
    expect(m.status()).toMatchObject({ state: 'invalid', reason: 'unreadable' });
  });
});
