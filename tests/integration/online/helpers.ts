import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { OpenAppOptions } from '../../../src/main/app/open-app';
import type { Dispatch } from '../../../src/main/contract/dispatch';
import type { FetchFn } from '../../../src/main/features/online/server-client';
import type { Timers } from '../../../src/main/platform/timers';
import { users } from '../../../src/server/db/schema.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { openTempApp } from '../../helpers/temp-app';
import { rand } from '../../server/helpers/fake-stripe.js';
import { DAY, type Harness, nowS, subscriptionObject } from '../../server/helpers/harness.js';

/** A wall clock the test moves by hand (starts at the real time: the server signs with it). */
export class ManualClock {
  t = nowS();
  nowSeconds = () => this.t;
  advance(seconds: number) {
    this.t += seconds;
  }
}

/** Timers that only run when the test says so. */
export class ManualTimers implements Timers {
  pending: { run: () => void; delayMs: number }[] = [];
  setTimeout = (run: () => void, delayMs: number) => {
    const h = { run, delayMs };
    this.pending.push(h);
    return h;
  };
  clearTimeout = (handle: unknown) => {
    this.pending = this.pending.filter((h) => h !== handle);
  };
  /** Runs what is due now (or everything); returns how many ran. */
  runAll(): number {
    const due = this.pending;
    this.pending = [];
    for (const h of due) h.run();
    return due.length;
  }
}

/** fetch that counts calls and can lose answers (the server did the work, the reply never arrives). */
export class FlakyFetch {
  calls: { method: string; url: string }[] = [];
  /** Requests matching this lose their answer once it arrives. */
  loseAnswer: ((method: string, url: string) => boolean) | null = null;
  fetch: FetchFn = async (url, init) => {
    const method = init.method ?? 'GET';
    this.calls.push({ method, url });
    const res = await fetch(url, init);
    if (this.loseAnswer?.(method, url)) {
      this.loseAnswer = null;
      await res.arrayBuffer();
      throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    }
    return res;
  };
  count(method: string, path: string) {
    return this.calls.filter((c) => c.method === method && new URL(c.url).pathname === path).length;
  }
}

export function openDesktop(
  h: Harness,
  publicKeyPem: string,
  options: Partial<OpenAppOptions> & { clock: ManualClock },
) {
  return openTempApp({
    licencePublicKeyPem: publicKeyPem,
    hardwareId: `hw-${rand()}`,
    defaultServerUrl: h.url,
    startOnline: false,
    ...options,
  });
}

/** Completes a Checkout the way Stripe would: the signed webhooks for the session and the subscription. */
export async function completeCheckout(h: Harness, userId: string) {
  const customer = (await h.db.db.select().from(users).where(eq(users.id, userId)))[0]!.stripeCustomerId!;
  expect(customer).toMatch(/^cus_/);
  const subId = `sub_${rand()}`;
  const t = nowS();
  const done = await h.webhook({
    type: 'checkout.session.completed',
    created: t,
    object: {
      id: `cs_test_${rand()}`,
      object: 'checkout.session',
      mode: 'subscription',
      customer,
      subscription: subId,
      client_reference_id: userId,
      payment_status: 'paid',
      metadata: { userId, planCode: 'pro' },
      created: t,
    },
  });
  expect(done.status).toBe(200);
  const created = await h.webhook({
    type: 'customer.subscription.created',
    created: t,
    object: subscriptionObject({
      id: subId,
      customer,
      status: 'active',
      periodStart: t - DAY,
      periodEnd: t + 29 * DAY,
    }),
  });
  expect(created.status).toBe(200);
  return { subId, customer };
}

/** Calls a contract method the way the renderer does (validated, defaults applied); throws on an error. */
export async function call<K extends MethodName>(
  app: { dispatch: Dispatch },
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<K>;
}
