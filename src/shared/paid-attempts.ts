/**
 * Paid challenge attempts (issue 18): what the hosted endpoint sells once through Stripe Checkout
 * and what the signed licence carries to the desktop, which checks it offline.
 *
 * - An **attempt** starts a paid-only challenge template (or a copy of one) once.
 * - A **reset** starts it again once, for a trader who has already started that template.
 */

export const PAID_ATTEMPT_KINDS = ['attempt', 'reset'] as const;
export type PaidAttemptKind = (typeof PAID_ATTEMPT_KINDS)[number];

/**
 * The challenge templates that need a paid attempt to start (preset ids in resources/challenges).
 * The server sells attempts and resets for these only; the desktop refuses to start one, or a copy
 * of one, without an unused attempt.
 */
export const PAID_ONLY_TEMPLATE_IDS: readonly string[] = ['paid-two-step-200k'];

/** One paid, unrefunded purchase as the licence token carries it (`attempts` claim). */
export interface PaidAttemptClaim {
  /** The server's payment intent id: stable, so the desktop consumes each purchase once. */
  id: string;
  kind: PaidAttemptKind;
  templateId: string;
}

/** Whether `v` is a well-formed `attempts` claim (an array of PaidAttemptClaim). */
export function isPaidAttemptClaims(v: unknown): v is PaidAttemptClaim[] {
  return (
    Array.isArray(v) &&
    v.length <= 1000 &&
    v.every((a) => {
      if (!a || typeof a !== 'object') return false;
      const c = a as Record<string, unknown>;
      return (
        typeof c.id === 'string' &&
        c.id.length > 0 &&
        c.id.length <= 100 &&
        typeof c.templateId === 'string' &&
        c.templateId.length > 0 &&
        c.templateId.length <= 100 &&
        (PAID_ATTEMPT_KINDS as readonly unknown[]).includes(c.kind)
      );
    })
  );
}
