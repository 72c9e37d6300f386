import { join } from 'node:path';
import type { OpenAppOptions } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { AutomationScope } from '../../../src/shared/contract/automation';
import { openTempApp, REPO_ROOT } from '../../helpers/temp-app';

export const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'mt4', 'EURUSD_M1_2019-01-02.csv');
export const ALL_SCOPES: AutomationScope[] = [
  'market:read',
  'sessions:write',
  'orders:write',
  'reports:read',
  'import:write',
];

export type TempApp = ReturnType<typeof openTempApp>;

export async function call<K extends MethodName>(
  app: TempApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<K>;
}

/** A temp app with the EURUSD fixture imported, a client, a key with every scope, and the API listening. */
export async function apiApp(
  options: Partial<OpenAppOptions> & { retryBaseMs?: number; importData?: boolean } = {},
) {
  const { retryBaseMs, importData = true, ...appOptions } = options;
  const app = openTempApp({ startOnline: false, ...appOptions });
  if (importData)
    await call(app, 'import:run', {
      source: { handle: app.files.grant(FIXTURE, 'read') },
      options: { symbol: 'EURUSD' },
    });
  const client = await call(app, 'automation:create-client', { name: 'bot' });
  const { key, apiKey } = await call(app, 'automation:create-key', {
    clientId: client.id,
    name: 'main',
    scopes: ALL_SCOPES,
  });
  const server = await app.automation.start({
    port: 0,
    retry: retryBaseMs ? { baseMs: retryBaseMs, maxMs: retryBaseMs * 8 } : undefined,
  });
  const request = async (
    verb: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${server.url}${path}`, {
      method: verb,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // biome-ignore lint/suspicious/noExplicitAny: test convenience
    return { status: response.status, headers: response.headers, body: json as any };
  };
  return {
    app,
    client,
    key,
    apiKey,
    url: server.url,
    request,
    close: async () => {
      await app.automation.stop();
      app.dispose();
    },
  };
}
