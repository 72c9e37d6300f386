import { z } from 'zod';
import { methods } from '../../../shared/contract';
import { AUTOMATION_SCOPES } from '../../../shared/contract/automation';
import { ROUTES } from './routes';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      description: 'Stable code: INVALID_INPUT, NOT_FOUND, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED, …',
    },
    message: { type: 'string' },
    details: { description: 'For INVALID_INPUT: { issues: [{ path, message }] }' },
  },
};

const ERROR_RESPONSES = {
  '400': 'Invalid JSON or fields (details.issues names each field)',
  '401': 'Missing, unknown, revoked or expired key',
  '403': 'Scope missing, Origin header present, or client disabled',
  '404': 'Not found',
  '409': 'Conflict (e.g. the session is completed)',
  '422': 'Order rejected',
  '429': 'Rate limited (see Retry-After)',
};

function inputSchema(method: keyof typeof methods): JsonSchema {
  return z.toJSONSchema(methods[method].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The OpenAPI 3.1 document, made from the contract's zod schemas and the route table. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const openPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathNames = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const schema = inputSchema(route.method);
    const props = { ...(schema.properties ?? {}) };
    for (const name of pathNames) delete props[name];
    if (route.input) for (const name of Object.keys(props)) delete props[name];
    const required = (schema.required ?? []).filter((n) => n in props);
    const parameters: unknown[] = pathNames.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const operation: Record<string, unknown> = {
      operationId: `${route.verb.toLowerCase()}${route.path.replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      description: `Calls the contract method \`${route.method}\`. Scope: \`${route.scope}\`. Returns ${route.returns}.`,
      tags: [route.path.split('/')[2] ?? 'api'],
      security: [{ apiKey: [route.scope] }],
      responses: {
        [String(route.status ?? 200)]: {
          description: route.returns,
          content: { 'application/json': { schema: {} } },
        },
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([code, description]) => [
            code,
            {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          ]),
        ),
      },
    };
    if (route.verb === 'GET' || route.verb === 'DELETE') {
      for (const [name, prop] of Object.entries(props)) {
        parameters.push({ name, in: 'query', required: required.includes(name), schema: prop });
      }
    } else if (Object.keys(props).length > 0) {
      operation.requestBody = {
        required: required.length > 0,
        content: {
          'application/json': {
            schema: { type: 'object', properties: props, required, additionalProperties: false },
          },
        },
      };
    }
    if (parameters.length) operation.parameters = parameters;
    paths[openPath] ??= {};
    paths[openPath][route.verb.toLowerCase()] = operation;
  }
  paths['/v1/sessions/{sessionId}/stream'] = {
    get: {
      operationId: 'streamSession',
      summary:
        'WebSocket stream of a session (Upgrade: websocket); ?mode=lockstep waits for {"type":"ready"}',
      description:
        'Messages: hello, bar, fill, order, position, account, ledger, session.completed, error, awaiting-ready (lock-step). ' +
        'Scope market:read (lock-step: sessions:write). The key goes in Authorization, or as the subprotocol `tickstep-key.<key>`.',
      tags: ['sessions'],
      parameters: [
        { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'mode', in: 'query', required: false, schema: { enum: ['follow', 'lockstep'] } },
      ],
      responses: { '101': { description: 'Switching protocols' } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tickstep automation API',
      version: '1',
      description:
        'Drive a Tickstep replay session from a bot. Every route calls a contract method of the app, validated by the same schemas. ' +
        'Loopback only by default; requests with an Origin header are refused.',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `Authorization: Bearer tsk_… Scopes: ${AUTOMATION_SCOPES.join(', ')}`,
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

/** A small self-contained docs page listing the routes (the document is inlined: no request needed). */
export function docsPage(document: Record<string, unknown>): string {
  const inline = JSON.stringify(document).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tickstep automation API</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font-family:ui-monospace,monospace;font-size:12px}pre{background:#f5f5f5;padding:.5rem;overflow:auto}
.op{border-top:1px solid #ddd;padding:.5rem 0}.verb{display:inline-block;width:4.5rem;font-weight:700}
details summary{cursor:pointer;color:#555}
</style></head><body>
<h1>Tickstep automation API</h1>
<p>Send <code>Authorization: Bearer tsk_…</code>. Errors are <code>{ code, message, details }</code>.
The machine-readable description is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<div id="ops">Loading…</div>
<script>
Promise.resolve(${inline}).then(doc=>{
  const root=document.getElementById('ops');root.textContent='';
  for(const [path,ops] of Object.entries(doc.paths)){
    for(const [verb,op] of Object.entries(ops)){
      const div=document.createElement('div');div.className='op';
      const head=document.createElement('div');
      const v=document.createElement('span');v.className='verb';v.textContent=verb.toUpperCase();
      const p=document.createElement('code');p.textContent=path;
      head.append(v,p,document.createTextNode(' \u2014 '+(op.summary||'')));
      const d=document.createElement('details');const s=document.createElement('summary');s.textContent=op.description||'';
      const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:op.parameters,requestBody:op.requestBody},null,2);
      d.append(s,pre);div.append(head,d);root.append(div);
    }
  }
});
</script></body></html>`;
}
