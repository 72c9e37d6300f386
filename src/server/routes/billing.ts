import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { currentEntitlement, latestSubscription, publicSubscription } from '../services/entitlements.js';
import { publicPlan } from '../services/plans.js';
import { createCheckout, createPortal } from '../stripe/checkout.js';
import { handleWebhook } from '../stripe/webhook.js';
import { parse, requireUser } from './http.js';

/** Registered in its own scope: the webhook needs the raw JSON body for the signature. */
export function billingRoutes(app: FastifyInstance, ctx: AppContext) {
  app.post('/billing/checkout', async (req) => {
    const a = await requireUser(ctx, req);
    const body = parse(z.object({ planCode: z.string().min(1).max(40) }).strict(), req.body);
    return createCheckout(ctx, a.user, body.planCode);
  });

  app.post('/billing/portal', async (req) => {
    const a = await requireUser(ctx, req);
    return createPortal(ctx, a.user);
  });

  app.get('/billing/subscription', async (req) => {
    const a = await requireUser(ctx, req);
    const active = await currentEntitlement(ctx, a.user.id);
    const latest = active ?? (await latestSubscription(ctx, a.user.id));
    return {
      entitled: active !== null,
      subscription: latest ? publicSubscription(latest.subscription, latest.plan) : null,
      plan: latest && active ? publicPlan(latest.plan) : null,
    };
  });

  app.register(async (hook) => {
    hook.removeAllContentTypeParsers();
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    hook.post('/billing/webhook', async (req) => {
      const sig = req.headers['stripe-signature'];
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const r = await handleWebhook(ctx, raw, typeof sig === 'string' ? sig : undefined);
      return { received: true, ...r };
    });
  });
}
