import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey?: string;
}

/**
 * A tiny local stand-in for api.stripe.com: enough of customers, checkout sessions and billing
 * portal sessions for the real `stripe` SDK (pointed here with host/port/protocol) to work.
 */
export class FakeStripe {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private readonly idempotent = new Map<string, string>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const path = (req.url ?? '').split('?')[0]!;
        const key = req.headers['idempotency-key'];
        const idempotencyKey = typeof key === 'string' ? key : undefined;
        this.calls.push({ method: req.method ?? '', path, params, idempotencyKey });
        const send = (status: number, body: unknown) => {
          const text = JSON.stringify(body);
          if (idempotencyKey && status < 300) this.idempotent.set(`${path}:${idempotencyKey}`, text);
          res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${rand()}` });
          res.end(text);
        };
        if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) {
          return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
        }
        const replay = idempotencyKey && this.idempotent.get(`${path}:${idempotencyKey}`);
        if (replay) {
          res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
          return res.end(replay);
        }
        if (req.method === 'POST' && path === '/v1/customers') {
          return send(200, {
            id: `cus_${rand()}`,
            object: 'customer',
            email: params.get('email'),
            metadata: { userId: params.get('metadata[userId]') },
          });
        }
        if (req.method === 'POST' && path === '/v1/checkout/sessions') {
          const id = `cs_test_${rand()}`;
          return send(200, {
            id,
            object: 'checkout.session',
            mode: params.get('mode'),
            customer: params.get('customer'),
            client_reference_id: params.get('client_reference_id'),
            url: `https://checkout.stripe.test/c/pay/${id}`,
            status: 'open',
          });
        }
        if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
          const id = `bps_${rand()}`;
          return send(200, {
            id,
            object: 'billing_portal.session',
            customer: params.get('customer'),
            url: `https://billing.stripe.test/p/session/${id}`,
          });
        }
        send(404, {
          error: { type: 'invalid_request_error', message: `Unrecognized request URL (${path})` },
        });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  callsTo(path: string) {
    return this.calls.filter((c) => c.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }
}

export const rand = () => randomBytes(8).toString('hex');
