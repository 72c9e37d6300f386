import { AppError } from '../../shared/errors';
import { openApp, type TickstepApp } from '../app/open-app';
import { findAppRoot } from '../platform/app-root';
import { resolveDataDir } from '../platform/data-dir';
import type { CliIo } from './command';
import { COMMANDS } from './commands';
import { parseCliArgs } from './parse-args';

const COMMON_VALUE_FLAGS = ['data-dir'];

function helpText(): string {
  const lines = ['Usage: tickstep <command> [options] [--data-dir DIR] [--json]', '', 'Commands:'];
  for (const command of COMMANDS) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push(
    '',
    "The data directory defaults to TICKSTEP_DATA_DIR, else the desktop app's user-data folder.",
  );
  return lines.join('\n');
}

/** Runs one CLI invocation and returns the exit code; prints errors as text or, with --json, as JSON. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText());
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  const json = rest.includes('--json');
  let app: TickstepApp | undefined;
  try {
    const args = parseCliArgs(rest, [...COMMON_VALUE_FLAGS, ...command.valueFlags]);
    const dataDir = resolveDataDir(
      typeof args.flags['data-dir'] === 'string' ? args.flags['data-dir'] : undefined,
    );
    const getApp = (): TickstepApp => {
      if (!app) {
        app = openApp({ dataDir, appRoot: findAppRoot(), mode: 'browser' });
        if (app.ctx.store.recovered) io.err(app.ctx.store.recovered.message);
      }
      return app;
    };
    return await command.run(args, getApp, io);
  } catch (error) {
    const payload =
      error instanceof AppError
        ? error.toContractError()
        : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
    io.err(json ? JSON.stringify({ error: payload }) : `Error (${payload.code}): ${payload.message}`);
    return 1;
  } finally {
    app?.close();
  }
}

// The source (`tsx src/main/cli/main.ts`) or the bundle (`node out/node/cli.cjs`); bin/tickstep.mjs
// imports this module and calls runCli itself.
const isEntry =
  process.argv[1] && /(cli[\\/]main\.(ts|js|mjs)|[\\/]node[\\/]cli\.cjs)$/.test(process.argv[1]);
if (isEntry) {
  runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
