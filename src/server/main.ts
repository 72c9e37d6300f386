import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** `npm run server`: validates the environment, migrates, listens; SIGINT/SIGTERM close cleanly. */
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
