import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PAID_ATTEMPT_KINDS } from '../../shared/paid-attempts.js';
import type { AppContext } from '../context.js';
import { createAttemptCheckout, listPurchases, publicProduct } from '../services/paid-attempts.js';
import { parse, requireUser } from './http.js';

const hardwareId = z
  .string()
  .regex(/^[A-Za-z0-9:_-]{8,128}$/, '8-128 letters, digits, colon, dash or underscore');

/** Paid challenge attempts and resets: the catalogue, Checkout in payment mode, the user's purchases. */
export function challengeRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/challenges/products', async () => ({
    products: ctx.config.challengeProducts.map(publicProduct),
  }));

  app.post('/challenges/checkout', async (req) => {
    const a = await requireUser(ctx, req);
    const body = parse(
      z
        .object({
          templateId: z.string().min(1).max(100),
          kind: z.enum(PAID_ATTEMPT_KINDS),
          hardwareId,
        })
        .strict(),
      req.body,
    );
    return createAttemptCheckout(ctx, a.user, body);
  });

  app.get('/challenges/purchases', async (req) => {
    const a = await requireUser(ctx, req);
    return { purchases: await listPurchases(ctx, a.user.id) };
  });
}
