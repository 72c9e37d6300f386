import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest, forbidden } from '../errors.js';
import type { RequestMeta } from '../services/audit.js';
import { type AuthedUser, authenticate } from '../services/auth/index.js';

/** Validates with zod; a failure becomes 400 `{ code: 'INVALID_INPUT', message }` naming the fields. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data ?? {});
  if (!r.success) {
    const msg = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
      .join('; ');
    throw badRequest(msg);
  }
  return r.data;
}

/** The `:id` route parameter: a UUID. */
export const idParams = z.object({ id: z.string().uuid() });

export function meta(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null };
}

export async function requireUser(ctx: AppContext, req: FastifyRequest): Promise<AuthedUser> {
  return authenticate(ctx, req.headers.authorization);
}

/** ADMIN role and TOTP enabled; an admin without MFA is refused every admin route. */
export async function requireAdmin(ctx: AppContext, req: FastifyRequest): Promise<AuthedUser> {
  const u = await requireUser(ctx, req);
  if (u.user.role !== 'ADMIN') throw forbidden('Administrator role required');
  if (!u.user.mfaEnabled)
    throw forbidden('Administrators must enable two-factor authentication', 'MFA_SETUP_REQUIRED');
  return u;
}
