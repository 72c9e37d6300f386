// Paid-only challenge templates (issue 18): starting one, or a copy of one, uses a paid attempt or
// reset that the licence carries, once. The licence is signed, so this works offline.
import { and, eq } from 'drizzle-orm';
import type { ChallengeTemplateDto } from '../../../shared/contract/challenges';
import { AppError, ErrorCode } from '../../../shared/errors';
import { PAID_ONLY_TEMPLATE_IDS, type PaidAttemptClaim } from '../../../shared/paid-attempts';
import type { Store } from '../../db/open-database';
import { challengeAttemptUses, challenges } from '../../db/schema';

/** The paid-only template `templateId` is, or was copied from (through copies of copies); else null. */
export function paidTemplateOf(
  templates: readonly ChallengeTemplateDto[],
  templateId: string,
): string | null {
  const seen = new Set<string>();
  let id: string | null = templateId;
  while (id !== null && !seen.has(id)) {
    if (PAID_ONLY_TEMPLATE_IDS.includes(id)) return id;
    seen.add(id);
    const current: string = id;
    id = templates.find((t) => t.id === current)?.copiedFrom ?? null;
  }
  return null;
}

/**
 * The unused paid attempt that starting `paidTemplateId` takes: a reset when the trader has
 * started that template (or a copy) before and holds one, else an attempt. Throws FORBIDDEN when
 * there is none, changing nothing.
 */
export function pickPaidAttempt(
  store: Store,
  userId: string,
  paidTemplateId: string,
  available: readonly PaidAttemptClaim[],
  startedBefore: boolean,
): PaidAttemptClaim {
  const used = usedAttemptIds(store, userId);
  const unused = available.filter((a) => a.templateId === paidTemplateId && !used.has(a.id));
  const pick =
    (startedBefore ? unused.find((a) => a.kind === 'reset') : undefined) ??
    unused.find((a) => a.kind === 'attempt');
  if (pick) return pick;
  const resets = unused.filter((a) => a.kind === 'reset').length;
  throw new AppError(
    ErrorCode.FORBIDDEN,
    `templateId: ${paidTemplateId} needs a paid attempt and this computer's licence has no unused one` +
      (resets > 0 ? ' (a reset only restarts a challenge you have started before)' : '') +
      '. Buy an attempt for this computer, then refresh the licence in Settings.',
    { reason: 'paid-attempt-required', templateId: paidTemplateId },
  );
}

/** The paid attempts (and resets) this trader has used already. */
export function usedAttemptIds(store: Store, userId: string): Set<string> {
  return new Set(
    store.db
      .select({ id: challengeAttemptUses.attemptId })
      .from(challengeAttemptUses)
      .where(eq(challengeAttemptUses.userId, userId))
      .all()
      .map((r) => r.id),
  );
}

/** What the licence still holds for each template: null for a free one; counts for a paid one or its copies. */
export function withPaidCounts(
  templates: readonly ChallengeTemplateDto[],
  available: readonly PaidAttemptClaim[],
  used: ReadonlySet<string>,
): ChallengeTemplateDto[] {
  return templates.map((t) => {
    const paidId = paidTemplateOf(templates, t.id);
    if (paidId === null) return { ...t, paid: null };
    const unused = available.filter((a) => a.templateId === paidId && !used.has(a.id));
    return {
      ...t,
      paid: {
        templateId: paidId,
        attemptsLeft: unused.filter((a) => a.kind === 'attempt').length,
        resetsLeft: unused.filter((a) => a.kind === 'reset').length,
      },
    };
  });
}

/** Whether the trader has started `paidTemplateId` before (any of the given template ids). */
export function startedBefore(store: Store, userId: string, templateIds: readonly string[]): boolean {
  return templateIds.some(
    (templateId) =>
      store.db
        .select({ id: challenges.id })
        .from(challenges)
        .where(and(eq(challenges.userId, userId), eq(challenges.templateId, templateId)))
        .get() !== undefined,
  );
}

export function recordPaidAttemptUse(
  store: Store,
  row: { attempt: PaidAttemptClaim; userId: string; challengeId: string; usedAt: number },
): void {
  store.db
    .insert(challengeAttemptUses)
    .values({
      attemptId: row.attempt.id,
      userId: row.userId,
      kind: row.attempt.kind,
      templateId: row.attempt.templateId,
      challengeId: row.challengeId,
      usedAt: row.usedAt,
    })
    .run();
}
