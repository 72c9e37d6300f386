/**
 * The automation feature (issue 17, seed 004): a local HTTP + JSON API, per-session WebSocket
 * streams with a lock-step mode, API keys per client, signed webhooks from a durable outbox,
 * usage and an audit log. Every API route calls a contract method through the dispatcher.
 * This file is the feature's only public face.
 */
export { Automation, type StartOptions } from './automation';
export type { AutomationEvent } from './bus';
export type { AutomationDeps } from './deps';
export type { AutomationHandlers } from './handlers';
export { hashApiKey } from './keys';
export { ROUTES } from './routes';
export { type RetryPolicy, signWebhook } from './webhooks';
