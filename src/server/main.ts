import { createServer, SERVER_MIGRATIONS } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError, openDatabase } from './db/open.js';
import { promoteByEmail } from './services/admin.js';
import { loadSigningKeys } from './services/keys.js';

/**
 * `npm run server`: validates the environment, migrates, listens; SIGINT/SIGTERM close cleanly.
 * `npm run server -- public-key` prints the licence public key; `-- promote-admin <email>` bootstraps an admin.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const [command, arg] = process.argv.slice(2);
  if (command === 'public-key') {
    // Prints the SPKI PEM of the signing key, for resources/licence-public-key.pem in a release.
    const keys = await loadSigningKeys(config.signingKeyPath, config.env !== 'production');
    process.stdout.write(keys.publicKeyPem);
    return;
  }
  if (command === 'promote-admin') {
    if (!arg) throw new Error('usage: npm run server -- promote-admin <email>');
    let db: Awaited<ReturnType<typeof openDatabase>>;
    try {
      db = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDir: config.pgliteDir,
        migrationsFolder: SERVER_MIGRATIONS,
      });
    } catch (e) {
      if (e instanceof DataDirInUseError) {
        console.error(e.message);
        process.exit(3);
      }
      throw e;
    }
    const ok = await promoteByEmail({ db: db.db, clock: systemClock }, arg);
    await db.close();
    console.log(
      ok ? `${arg} is now ADMIN (they must enable TOTP before admin routes work)` : `no account for ${arg}`,
    );
    process.exit(ok ? 0 : 1);
  }
  if (command) throw new Error(`unknown command ${command}; use public-key or promote-admin <email>`);
  const server = await createServer(config);
  const url = await server.listen();
  server.app.log.info(
    { url, database: config.databaseUrl ? 'postgres' : 'pglite', dataDir: config.dataDir },
    'tickstep server listening',
  );
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
