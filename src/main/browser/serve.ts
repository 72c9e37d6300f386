import { openApp } from '../app/open-app';
import { parseCliArgs } from '../cli/parse-args';
import { findAppRoot } from '../platform/app-root';
import { resolveDataDir } from '../platform/data-dir';
import { startBrowserServer } from './browser-server';

/** `npm run serve [-- --port N --data-dir DIR]`: the desktop app in a browser tab. */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), ['port', 'data-dir']);
  const dataDir = resolveDataDir(
    typeof args.flags['data-dir'] === 'string' ? args.flags['data-dir'] : undefined,
  );
  const port = Number(args.flags.port ?? process.env.TICKSTEP_PORT ?? 5199);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${args.flags.port}`);
  const app = openApp({ dataDir, appRoot: findAppRoot(), mode: 'browser', seedSample: true });
  const server = await startBrowserServer(app, { port });
  console.log(`Tickstep (browser mode) data: ${dataDir}`);
  if (app.ctx.store.recovered) console.warn(app.ctx.store.recovered.message);
  console.log(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
