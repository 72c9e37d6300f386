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
  const bad = controlCharacterPath(r.data);
  if (bad !== null) throw badRequest(`${bad || 'body'}: contains a NUL byte or control character`);
  return r.data;
}

/** NUL and the C0/DEL control characters except tab, line feed and carriage return. */
const isControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
const hasControl = (s: string) => {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i))) return true;
  return false;
};

/**
 * The path (`a.b.0`) of the first string in `v` holding a control character, or null. Checked for
 * every parsed input before anything is written: PostgreSQL refuses NUL in text, which used to
 * surface as a 500 half-way through a request.
 */
function controlCharacterPath(v: unknown, path = ''): string | null {
  if (typeof v === 'string') return hasControl(v) ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = controlCharacterPath(v[i], path ? `${path}.${i}` : String(i));
      if (p !== null) return p;
    }
    return null;
  }
  if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
    for (const [k, x] of Object.entries(v)) {
      const p = controlCharacterPath(x, path ? `${path}.${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
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

/**
 * ADMIN role, TOTP enabled, and a session that itself signed in with the code: an admin without MFA,
 * or with a session opened by password alone (before enabling it), is refused every admin route.
 */
export async function requireAdmin(ctx: AppContext, req: FastifyRequest): Promise<AuthedUser> {
  const u = await requireUser(ctx, req);
  if (u.user.role !== 'ADMIN') throw forbidden('Administrator role required');
  if (!u.user.mfaEnabled)
    throw forbidden('Administrators must enable two-factor authentication', 'MFA_SETUP_REQUIRED');
  if (!u.secondFactor)
    throw forbidden('Sign in again with your authenticator code to use admin routes', 'MFA_SESSION_REQUIRED');
  return u;
}
