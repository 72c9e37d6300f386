import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { SUPPORT_STATUSES } from '../db/schema.js';
import { badRequest } from '../errors.js';
import * as support from '../services/support.js';
import { idParams, parse, requireUser } from './http.js';

const id = z.string().uuid();
const message = z
  .object({
    id,
    content: z.string().trim().min(1).max(20_000),
    attachmentIds: z.array(id).max(10).optional(),
  })
  .strict();

/** Registered in its own scope: attachment uploads accept raw bytes with a larger body limit. */
export function supportRoutes(app: FastifyInstance, ctx: AppContext) {
  app.addContentTypeParser(
    [
      'application/octet-stream',
      'image/png',
      'image/jpeg',
      'application/pdf',
      'text/plain',
      'text/csv',
      'application/zip',
    ],
    { parseAs: 'buffer', bodyLimit: ctx.config.attachmentLimitBytes },
    (_req, body, done) => done(null, body),
  );

  app.post('/support/requests', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const body = parse(
      z.object({ id, subject: z.string().trim().min(1).max(200), message }).strict(),
      req.body,
    );
    const r = await support.createRequest(ctx, a, body);
    reply.code(r.created ? 201 : 200);
    return r;
  });

  app.get('/support/requests', async (req) => {
    const a = await requireUser(ctx, req);
    return { requests: await support.listRequests(ctx, a) };
  });

  app.get('/support/requests/:id', async (req) => {
    const a = await requireUser(ctx, req);
    const p = parse(idParams, req.params);
    return support.getRequest(ctx, a, p.id);
  });

  app.post('/support/requests/:id/messages', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const p = parse(idParams, req.params);
    const body = parse(message, req.body);
    const r = await support.addMessage(ctx, a, p.id, body);
    reply.code(r.created ? 201 : 200);
    return r;
  });

  app.post('/support/requests/:id/status', async (req) => {
    const a = await requireUser(ctx, req);
    const p = parse(idParams, req.params);
    const body = parse(z.object({ status: z.enum(SUPPORT_STATUSES) }).strict(), req.body);
    return support.setStatus(ctx, a, p.id, body.status);
  });

  app.get('/support/changes', async (req) => {
    const a = await requireUser(ctx, req);
    const q = parse(
      z.object({
        since: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
      req.query,
    );
    return support.changesSince(ctx, a, q.since, q.limit);
  });

  app.put('/support/files/:id', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const p = parse(idParams, req.params);
    const q = parse(
      z.object({
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .regex(/^[^/\\\0]+$/)
          // A name is shown and offered for download: never a path step, and no line breaks.
          .refine((n) => n !== '.' && n !== '..', 'a file name, not a path step')
          .refine(
            (n) => [...n].every((c) => c >= ' ' && c !== '\u007f'),
            'no control characters or line breaks',
          ),
      }),
      req.query,
    );
    const h = parse(
      z.object({
        'content-md5': z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'base64 MD5 of the body'),
        'content-type': z.string().max(100),
      }),
      req.headers,
    );
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('The file body is empty');
    const r = await support.uploadFile(ctx, a, {
      id: p.id,
      name: q.name,
      contentType: h['content-type'].split(';')[0]!.trim(),
      md5Hex: Buffer.from(h['content-md5'], 'base64').toString('hex'),
      body: req.body,
    });
    reply.code(r.created ? 201 : 200);
    return r;
  });

  app.get('/support/files/:id', async (req, reply) => {
    const a = await requireUser(ctx, req);
    const p = parse(idParams, req.params);
    const { file, body } = await support.downloadFile(ctx, a, p.id);
    reply
      .type('application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`)
      .header('Content-MD5', Buffer.from(file.md5, 'hex').toString('base64'));
    return body;
  });
}
