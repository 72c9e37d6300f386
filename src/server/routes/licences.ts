import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import * as licences from '../services/licences.js';
import { idParams, meta, parse, requireUser } from './http.js';

const hardwareId = z
  .string()
  .regex(/^[A-Za-z0-9:_-]{8,128}$/, '8-128 letters, digits, colon, dash or underscore');
const deviceName = z.string().trim().min(1).max(100).optional();

export function licenceRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/licenses/public-key', async (_req, reply) => {
    reply.type('application/x-pem-file');
    return ctx.keys.publicKeyPem;
  });

  app.get('/licenses', async (req) => licences.describe(ctx, await requireUser(ctx, req)));

  app.post('/licenses/activate', async (req) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ hardwareId, deviceName }).strict(), req.body);
    return licences.activate(ctx, a, body, meta(req));
  });

  app.post('/licenses/refresh', async (req) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ hardwareId }).strict(), req.body);
    return licences.refresh(ctx, a, body);
  });

  app.post('/licenses/deactivate', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ hardwareId }).strict(), req.body);
    await licences.deactivate(ctx, a, body);
    reply.code(204);
  });

  app.delete('/licenses/activations/:id', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const { id } = parse(idParams, req.params);
    await licences.deactivate(ctx, a, { activationId: id });
    reply.code(204);
  });
}
