import { AUTOMATION_SCOPES, type AutomationScope } from '../../shared/contract/automation';
import { AppError, ErrorCode } from '../../shared/errors';
import { callMethod } from './call';
import { boolFlag, type CliCommand, stringFlag } from './command';

/** `tickstep api serve`: the automation API, headless, until Ctrl+C. */
export const apiCommand: CliCommand = {
  name: 'api',
  summary: 'Serves the automation API (HTTP + JSON, session streams, webhooks) on 127.0.0.1 until stopped.',
  usage: 'api serve [--port N (default 5299, 0 = any free)] [--allow-remote] [--data-dir DIR]',
  valueFlags: ['port'],
  async run(args, getApp, io) {
    if (args.positionals[0] !== 'serve')
      throw new AppError(ErrorCode.INVALID_INPUT, 'Usage: tickstep api serve');
    const raw = stringFlag(args, 'port');
    const port = raw === undefined ? undefined : Number(raw);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535))
      throw new AppError(ErrorCode.INVALID_INPUT, `--port must be 0..65535, got ${raw}`);
    const app = getApp();
    const server = await app.automation.start({ port, allowRemote: boolFlag(args, 'allow-remote') });
    io.out(
      args.flags.json === true
        ? JSON.stringify({ url: server.url })
        : `Tickstep automation API listening on ${server.url} (docs ${server.url}/docs)`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await app.automation.stop();
    return 0;
  },
};

function parseScopes(raw: string | undefined): AutomationScope[] {
  if (!raw) return [...AUTOMATION_SCOPES];
  const scopes = raw.split(',').map((s) => s.trim());
  for (const s of scopes)
    if (!(AUTOMATION_SCOPES as readonly string[]).includes(s))
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `Unknown scope "${s}"; scopes: ${AUTOMATION_SCOPES.join(', ')}`,
      );
  return scopes as AutomationScope[];
}

const iso = (ts: number | null) => (ts === null ? '-' : new Date(ts * 1000).toISOString());

/** `tickstep api-keys create|list|revoke`: keys of automation clients (a client is made on first use). */
export const apiKeysCommand: CliCommand = {
  name: 'api-keys',
  summary: 'Creates (shown once), lists or revokes automation API keys.',
  usage:
    'api-keys create --client NAME [--name N] [--scopes market:read,orders:write,…] [--expires ISO] [--rate PER_MINUTE] | list [--client NAME] | revoke KEY_ID|PREFIX',
  valueFlags: ['client', 'name', 'scopes', 'expires', 'rate'],
  async run(args, getApp, io) {
    const [sub, target] = args.positionals;
    const json = args.flags.json === true;
    const app = getApp();
    const clientNamed = async (name: string, create: boolean) => {
      const clients = await callMethod(app, 'automation:list-clients', {});
      const found = clients.find((c) => c.name === name);
      if (found) return found;
      if (!create) throw new AppError(ErrorCode.NOT_FOUND, `No client named "${name}"`);
      return callMethod(app, 'automation:create-client', { name });
    };
    if (sub === 'create') {
      const clientName = stringFlag(args, 'client');
      if (!clientName) throw new AppError(ErrorCode.INVALID_INPUT, 'api-keys create needs --client NAME');
      const client = await clientNamed(clientName, true);
      const rate = stringFlag(args, 'rate');
      const { key, apiKey } = await callMethod(app, 'automation:create-key', {
        clientId: client.id,
        name: stringFlag(args, 'name') ?? 'default',
        scopes: parseScopes(stringFlag(args, 'scopes')),
        expiresAt: stringFlag(args, 'expires'),
        rateLimitPerMinute: rate === undefined ? undefined : Number(rate),
      });
      io.out(
        json
          ? JSON.stringify({ key, apiKey })
          : `${key}\n\nKey ${apiKey.prefix} (id ${apiKey.id}) for client "${client.name}", scopes ${apiKey.scopes.join(', ')}.\nThis is the only time the key is shown: store it now.`,
      );
      return 0;
    }
    if (sub === 'list') {
      const clientName = stringFlag(args, 'client');
      const clientId = clientName ? (await clientNamed(clientName, false)).id : undefined;
      const keys = await callMethod(app, 'automation:list-keys', { clientId });
      if (json) io.out(JSON.stringify(keys));
      else if (keys.length === 0) io.out('No API keys.');
      else
        for (const k of keys)
          io.out(
            `${k.id}  ${k.prefix}  ${k.isActive ? 'active ' : 'revoked'}  ${k.name}  ${k.scopes.join(',')}  expires ${iso(k.expiresAt)}  used ${k.usageCount}x, last ${iso(k.lastUsedAt)}  ${k.rateLimitPerMinute}/min`,
          );
      return 0;
    }
    if (sub === 'revoke') {
      if (!target) throw new AppError(ErrorCode.INVALID_INPUT, 'api-keys revoke needs a KEY_ID or prefix');
      const keys = await callMethod(app, 'automation:list-keys', {});
      const found = keys.find((k) => k.id === target || k.prefix === target);
      if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No API key ${target}`);
      const revoked = await callMethod(app, 'automation:revoke-key', { keyId: found.id });
      io.out(json ? JSON.stringify(revoked) : `Revoked ${revoked.prefix} (${revoked.name}).`);
      return 0;
    }
    throw new AppError(ErrorCode.INVALID_INPUT, 'Usage: tickstep api-keys create|list|revoke');
  },
};
