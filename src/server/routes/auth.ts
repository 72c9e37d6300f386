import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { audit } from '../services/audit.js';
import * as auth from '../services/auth/index.js';
import { idParams, meta, parse, requireUser } from './http.js';

const email = z.string().trim().email().max(254);
const password = z.string().min(10, 'at least 10 characters').max(200);
const deviceInfo = z.string().max(200).optional();
const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
const totp = totpCode.optional();

export function authRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/auth/register', async (req, reply) => {
    const body = parse(z.object({ email, password, deviceInfo }).strict(), req.body);
    reply.code(201);
    return auth.register(ctx, body, meta(req));
  });

  app.post('/auth/sign-in', async (req) => {
    const body = parse(
      z.object({ email, password: z.string().min(1).max(200), totp, deviceInfo }).strict(),
      req.body,
    );
    return auth.signIn(ctx, body, meta(req));
  });

  app.post('/auth/refresh', async (req) => {
    const body = parse(z.object({ refreshToken: z.string().min(10).max(200) }).strict(), req.body);
    return auth.refreshSession(ctx, body.refreshToken, meta(req));
  });

  app.post('/auth/sign-out', async (req, reply) => {
    const a = await requireUser(ctx, req);
    await auth.endSession(ctx, a, meta(req));
    reply.code(204);
  });

  app.post('/auth/sign-out-everywhere', async (req, reply) => {
    const a = await requireUser(ctx, req);
    await auth.revokeAllSessions(ctx, a.user.id, 'sign_out_everywhere');
    await audit(ctx, { userId: a.user.id, action: 'LOGOUT_ALL' }, meta(req));
    reply.code(204);
  });

  app.get('/auth/sessions', async (req) => {
    const a = await requireUser(ctx, req);
    return { sessions: await auth.listSessions(ctx, a) };
  });

  app.delete('/auth/sessions/:id', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const { id } = parse(idParams, req.params);
    await auth.revokeSession(ctx, a, id, meta(req));
    reply.code(204);
  });

  app.get('/me', async (req) => {
    const a = await requireUser(ctx, req);
    return { user: auth.publicUser(a.user) };
  });

  app.post('/auth/password', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const body = parse(
      z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }).strict(),
      req.body,
    );
    await auth.changePassword(ctx, a, body, meta(req));
    reply.code(204);
  });

  app.post('/auth/magic-link', async (req, reply) => {
    const body = parse(z.object({ email, returnTo: z.string().max(500).optional() }).strict(), req.body);
    await auth.requestMagicLink(ctx, body, meta(req));
    reply.code(202);
    return { sent: true };
  });

  app.post('/auth/magic-link/verify', async (req) => {
    const body = parse(z.object({ token: z.string().min(20).max(200), totp, deviceInfo }).strict(), req.body);
    return auth.consumeMagicLink(ctx, body, meta(req));
  });

  app.post('/auth/password-reset', async (req, reply) => {
    const body = parse(z.object({ email }).strict(), req.body);
    await auth.requestPasswordReset(ctx, body, meta(req));
    reply.code(202);
    return { sent: true };
  });

  app.post('/auth/password-reset/confirm', async (req, reply) => {
    const body = parse(
      z.object({ email, code: z.string().regex(/^\d{8}$/, 'eight digits'), newPassword: password }).strict(),
      req.body,
    );
    await auth.confirmPasswordReset(ctx, body, meta(req));
    reply.code(204);
  });

  app.post('/auth/mfa/setup', async (req) => {
    const a = await requireUser(ctx, req);
    return auth.setupMfa(ctx, a);
  });

  app.post('/auth/mfa/enable', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ totp: totpCode }).strict(), req.body);
    await auth.enableMfa(ctx, a, body.totp, meta(req));
    reply.code(204);
  });

  app.post('/auth/mfa/disable', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ totp: totpCode }).strict(), req.body);
    await auth.disableMfa(ctx, a, body.totp, meta(req));
    reply.code(204);
  });
}
