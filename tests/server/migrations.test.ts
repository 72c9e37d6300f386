import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_MIGRATIONS } from '../../src/server/app.js';

/** Always PGlite: these tests need a database of their own, at an old schema version. */
const dir = mkdtempSync(join(tmpdir(), 'tickstep-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of drizzle/server holding only the first `n` migrations. */
function firstMigrations(n: number): string {
  const out = join(dir, `m${n}`);
  mkdirSync(join(out, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(SERVER_MIGRATIONS, 'meta/_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, n);
  for (const e of journal.entries) cpSync(join(SERVER_MIGRATIONS, `${e.tag}.sql`), join(out, `${e.tag}.sql`));
  writeFileSync(join(out, 'meta/_journal.json'), JSON.stringify(journal));
  return out;
}

describe('server migrations', () => {
  it('0001 (TOTP last step) keeps existing accounts and their MFA state', async () => {
    const client = new PGlite('memory://');
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: firstMigrations(1) });
    await client.exec(
      "insert into users (id, email, password_hash, mfa_secret, mfa_enabled) values ('u1', 'old@example.test', 'scrypt$x', 'SECRET', true)",
    );
    await migrate(db, { migrationsFolder: SERVER_MIGRATIONS });
    const r = await client.query('select email, mfa_enabled, mfa_last_step from users');
    expect(r.rows).toEqual([{ email: 'old@example.test', mfa_enabled: true, mfa_last_step: null }]);
    // applying again is a no-op
    await migrate(db, { migrationsFolder: SERVER_MIGRATIONS });
    expect((await client.query('select count(*)::int as n from users')).rows).toEqual([{ n: 1 }]);
    await client.close();
  });
});
