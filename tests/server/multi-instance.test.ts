import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs, stripeEvents, subscriptions } from '../../src/server/db/schema.js';
import { rand } from './helpers/fake-stripe.js';
import {
  DAY,
  Harness,
  invoiceObject,
  nowS,
  subscriptionObject,
  type TestUser,
  WEBHOOK_SECRET,
} from './helpers/harness.js';

/**
 * Two (or three) server instances on one database, as behind a load balancer: in-process instances
 * share the PGlite of `npm test` or the PostgreSQL of scripts/ci-postgres.sh; the crash test needs a
 * real PostgreSQL, because it kills a child-process instance in the middle of a transaction.
 */
const h = new Harness();
let otherUrl = '';
const otherDataDir = mkdtempSync(join(tmpdir(), 'tickstep-server-b-'));
beforeAll(async () => {
  await h.start();
  // Instance B shares the database and the signing key, but not the disk.
  const other = await h.startServer({
    DATA_DIR: otherDataDir,
    SIGNING_KEY_PATH: join(h.dataDir, 'keys', 'licence-signing-key.pem'),
  });
  otherUrl = await other.listen();
});
afterAll(async () => {
  await h.stop();
  rmSync(otherDataDir, { recursive: true, force: true });
});

const subRows = (subId: string) =>
  h.db.db.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, subId));

async function customerFor(u: TestUser): Promise<string> {
  const co = await h.call('POST', '/billing/checkout', { token: u.accessToken, body: { planCode: 'pro' } });
  expect(co.status).toBe(200);
  const me = await h.db.db.execute(sql`select stripe_customer_id from users where id = ${u.id}`);
  return (me as unknown as { rows: { stripe_customer_id: string }[] }).rows[0]!.stripe_customer_id;
}

function createdEvent(u: TestUser, customer: string, subId: string) {
  const t = nowS();
  return {
    id: `evt_${rand()}`,
    type: 'customer.subscription.created',
    created: t,
    object: subscriptionObject({
      id: subId,
      customer,
      status: 'active',
      periodStart: t,
      periodEnd: t + 30 * DAY,
      userId: u.id,
    }),
  };
}

describe('Stripe events: exactly once across instances', () => {
  it('applies an event whose earlier delivery was left in flight (success IS NULL) by a crashed instance', async () => {
    const u = await h.register();
    const customer = await customerFor(u);
    const subId = `sub_${rand()}`;
    const event = createdEvent(u, customer, subId);
    // What a crash between "record" and "apply" used to leave behind.
    await h.db.db.insert(stripeEvents).values({
      id: randomUUID(),
      stripeEventId: event.id,
      type: event.type,
      payload: {},
    });
    const r = await h.webhook(event, WEBHOOK_SECRET, otherUrl);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('applied');
    expect(await subRows(subId)).toHaveLength(1);
    const again = await h.webhook(event);
    expect(again.body.status).toBe('duplicate');
  });

  it('a failed event redelivered 20 times to each of two instances at once is applied exactly once', async () => {
    const u = await h.register();
    const customer = await customerFor(u);
    const subId = `sub_${rand()}`;
    const t = nowS();
    const invoice = {
      id: `evt_${rand()}`,
      type: 'invoice.payment_failed',
      created: t + 5,
      object: invoiceObject({ customer, subscription: subId, created: t + 5 }),
    };
    // Fails: the subscription is not known yet.
    expect((await h.webhook(invoice)).status).toBe(500);
    expect((await h.webhook(createdEvent(u, customer, subId))).body.status).toBe('applied');
    // Hold the subscription while the 40 deliveries arrive, so they all queue behind the first one.
    const release = await holdSubscription(subId);
    const sends = Array.from({ length: 40 }, (_, i) =>
      h.webhook(invoice, WEBHOOK_SECRET, i % 2 ? otherUrl : h.url),
    );
    await release.whenQueued();
    await release();
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(200));
    expect(results.filter((r) => r.body.status === 'applied')).toHaveLength(1);
    expect(results.filter((r) => r.body.status === 'duplicate')).toHaveLength(39);
    const [row] = await subRows(subId);
    expect(row!.status).toBe('past_due');
    const [ev] = await h.db.db.select().from(stripeEvents).where(eq(stripeEvents.stripeEventId, invoice.id));
    expect(ev!.success).toBe(true);
  });

  const pgUrl = process.env.TEST_DATABASE_URL;
  it.runIf(!!pgUrl)(
    'kill -9 of the instance applying an event: redelivery to the other instance applies it',
    async () => {
      const u = await h.register();
      const customer = await customerFor(u);
      const subId = `sub_${rand()}`;
      const event = createdEvent(u, customer, subId);
      const app = `tickstep-crash-${rand()}`;
      const crashDir = mkdtempSync(join(tmpdir(), 'tickstep-crash-'));
      const url = new URL(pgUrl!);
      url.searchParams.set('application_name', app);
      const child = await startChild({
        ...h.baseEnv(),
        DATA_DIR: crashDir,
        SIGNING_KEY_PATH: join(h.dataDir, 'keys', 'licence-signing-key.pem'),
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'info',
      });
      // Hold the user row: the crashing instance's insert of the subscription (a foreign key to it) waits.
      const holder = new pg.Client({ connectionString: pgUrl });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select id from users where id = $1 for update', [u.id]);
        const delivery = h.webhook(event, WEBHOOK_SECRET, child.url).catch(() => null);
        await waitFor(async () => {
          await holder.query('select pg_stat_clear_snapshot()');
          const r = await holder.query(
            `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
              where not l.granted and a.application_name = $1`,
            [app],
          );
          return r.rows[0].n > 0;
        });
        child.process.kill('SIGKILL');
        await new Promise((r) => child.process.once('exit', r));
        await holder.query('commit');
        await delivery;
        // Its database session ends as soon as it finds its client gone; whatever it did rolls back.
        await waitFor(async () => {
          const r = await holder.query(
            'select count(*)::int as n from pg_stat_activity where application_name = $1',
            [app],
          );
          return r.rows[0].n === 0;
        });
        expect(await subRows(subId)).toHaveLength(0);
        const redelivered = await h.webhook(event, WEBHOOK_SECRET, otherUrl);
        expect(redelivered.status).toBe(200);
        expect(redelivered.body.status).toBe('applied');
        expect(await subRows(subId)).toHaveLength(1);
        expect((await h.webhook(event)).body.status).toBe('duplicate');
        expect(await subRows(subId)).toHaveLength(1);
      } finally {
        await holder.end();
        if (child.process.exitCode === null) child.process.kill('SIGKILL');
        rmSync(crashDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('attachments shared by every instance', () => {
  const md5b64 = (b: Buffer) => createHash('md5').update(b).digest('base64');

  it('uploads through one instance and downloads the same bytes through the other', async () => {
    const u = await h.register();
    const id = randomUUID();
    const bytes = Buffer.from(`instrument,ts\nEURUSD,${rand()}\n`);
    const up = await h.call('PUT', `/support/files/${id}?name=log.csv`, {
      token: u.accessToken,
      raw: bytes,
      headers: { 'content-type': 'text/csv', 'content-md5': md5b64(bytes) },
    });
    expect(up.status).toBe(201);
    const res = await fetch(`${otherUrl}/support/files/${id}`, {
      headers: { authorization: `Bearer ${u.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-md5')).toBe(md5b64(bytes));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('refuses to serve content whose MD5 no longer matches (checked on the way out)', async () => {
    const u = await h.register();
    const id = randomUUID();
    const bytes = Buffer.from('original bytes');
    const up = await h.call('PUT', `/support/files/${id}?name=a.txt`, {
      token: u.accessToken,
      raw: bytes,
      headers: { 'content-type': 'text/plain', 'content-md5': md5b64(bytes) },
    });
    expect(up.status).toBe(201);
    await h.db.db
      .update(blobs)
      .set({ data: Buffer.from('tampered bytes') })
      .where(eq(blobs.key, `support/${id}`));
    const res = await h.call('GET', `/support/files/${id}`, { token: u.accessToken, base: otherUrl });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('FILE_CORRUPT');
  });
});

/**
 * Holds the subscription row (PostgreSQL) or the whole embedded database (PGlite, one connection
 * whose transactions run one at a time) until released. `whenQueued` resolves once deliveries wait:
 * on PostgreSQL when one waits for this lock and another waits for that one; on PGlite after a pause.
 */
async function holdSubscription(subId: string) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  if (!pgUrl) {
    let held!: () => void;
    const isHeld = new Promise<void>((r) => {
      held = r;
    });
    const done = h.db.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      held();
      await released;
    });
    await isHeld;
    return Object.assign(
      async () => {
        release();
        await done;
      },
      { whenQueued: () => new Promise((r) => setTimeout(r, 1500)) },
    );
  }
  const holder = new pg.Client({ connectionString: pgUrl });
  await holder.connect();
  await holder.query('begin');
  await holder.query('select id from subscriptions where stripe_subscription_id = $1 for update', [subId]);
  const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid as number;
  return Object.assign(
    async () => {
      await holder.query('commit');
      await holder.end();
    },
    {
      whenQueued: () =>
        waitFor(async () => {
          // pg_stat_activity is read once per transaction unless the snapshot is cleared
          await holder.query('select pg_stat_clear_snapshot()');
          const r = await holder.query(
            `select count(*)::int as n from pg_stat_activity second
              where exists (select 1 from pg_stat_activity first
                             where $1 = any(pg_blocking_pids(first.pid))
                               and first.pid = any(pg_blocking_pids(second.pid)))`,
            [holderPid],
          );
          return r.rows[0].n > 0;
        }),
    },
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `npm run server` in a child process; resolves with its URL once it listens. */
async function startChild(env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; url: string }> {
  const root = resolve(__dirname, '../..');
  // node itself (not the tsx wrapper, which would leave its child running after SIGKILL)
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`child server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/"url":"(http:\/\/[^"]+)"/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    p.stdout!.on('data', onData);
    p.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.once('exit', (code) => fail(new Error(`child server exited ${code}:\n${out}`)));
  });
  return { process: p, url };
}
