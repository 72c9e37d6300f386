import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { ROLES } from '../db/schema.js';
import * as admin from '../services/admin.js';
import { revokeLicence } from '../services/licences.js';
import { idParams, meta, parse, requireAdmin } from './http.js';

const reason = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export function adminRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/admin/users', async (req) => {
    await requireAdmin(ctx, req);
    const q = parse(z.object({ email: z.string().max(254).optional() }), req.query);
    return { users: await admin.searchUsers(ctx, q.email) };
  });

  app.post('/admin/users/:id/ban', async (req) => {
    const a = await requireAdmin(ctx, req);
    const { id } = parse(idParams, req.params);
    const body = parse(reason, req.body);
    return { user: await admin.setBanned(ctx, a, id, true, body.reason, meta(req)) };
  });

  app.post('/admin/users/:id/unban', async (req) => {
    const a = await requireAdmin(ctx, req);
    const { id } = parse(idParams, req.params);
    const body = parse(reason, req.body);
    return { user: await admin.setBanned(ctx, a, id, false, body.reason, meta(req)) };
  });

  app.post('/admin/users/:id/role', async (req) => {
    const a = await requireAdmin(ctx, req);
    const { id } = parse(idParams, req.params);
    const body = parse(z.object({ role: z.enum(ROLES) }).strict(), req.body);
    return { user: await admin.setRole(ctx, a, id, body.role, meta(req)) };
  });

  app.post('/admin/licenses/:id/revoke', async (req, reply) => {
    const a = await requireAdmin(ctx, req);
    const { id } = parse(idParams, req.params);
    const body = parse(reason, req.body);
    await revokeLicence(ctx, a, id, body.reason ?? 'revoked by administrator', meta(req));
    reply.code(204);
  });

  app.get('/admin/audit', async (req) => {
    await requireAdmin(ctx, req);
    const q = parse(
      z.object({
        userId: z.string().uuid().optional(),
        action: z.string().max(40).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      req.query,
    );
    return { entries: await admin.auditTrail(ctx, q.userId, q.action, q.limit) };
  });
}
