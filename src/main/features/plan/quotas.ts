import { and, count, countDistinct, eq, inArray, or, sql } from 'drizzle-orm';
import type { PlanDto, QuotaKind, UsageDto } from '../../../shared/contract/account';
import { QUOTA_KINDS } from '../../../shared/contract/account';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { automationClients, datasets, instruments, sessions, usageRecords } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import type { LicenceManager } from './licence';
import { FREE_LIMITS, FREE_PLAN, limitsFromEntitlements, type PlanLimits, QUOTA_LABELS } from './plans';

/** Sessions that count as active: not completed and not archived. */
const ACTIVE_SESSION_STATUSES = ['DRAFT', 'RUNNING', 'PAUSED'] as const;

/** What is about to be created, where it matters: an import into an instrument that already has data adds no instrument. */
export interface QuotaTarget {
  symbol?: string;
  instrumentId?: string;
}

/** Counts of what exists now; the store by default, replaceable in tests. */
export interface QuotaGauges {
  instrumentsWithData(): number;
  activeSessions(): number;
  automationClients(): number;
  hasData(target: QuotaTarget): boolean;
}

export type QuotaCheck =
  | { allowed: true; kind: QuotaKind; used: number; limit: number | null }
  | { allowed: false; kind: QuotaKind; used: number; limit: number; message: string };

export interface QuotasOptions {
  store: Store;
  userId: string;
  clock: Clock;
  newId: () => string;
  licence: LicenceManager;
  gauges?: QuotaGauges;
}

/** The current usage period: the UTC calendar month holding `ts`, as [start, end) in UTC seconds. */
export function monthPeriod(ts: number): { start: number; end: number } {
  const d = new Date(ts * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { start: Date.UTC(y, m, 1) / 1000, end: Date.UTC(y, m + 1, 1) / 1000 };
}

export function storeGauges(store: Store, userId: string): QuotaGauges {
  return {
    instrumentsWithData: () =>
      store.db
        .select({ n: countDistinct(datasets.instrumentId) })
        .from(datasets)
        .get()?.n ?? 0,
    activeSessions: () =>
      store.db
        .select({ n: count() })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), inArray(sessions.status, [...ACTIVE_SESSION_STATUSES])))
        .get()?.n ?? 0,
    automationClients: () => store.db.select({ n: count() }).from(automationClients).get()?.n ?? 0,
    hasData: ({ symbol, instrumentId }) => {
      const conditions = [
        ...(instrumentId ? [eq(datasets.instrumentId, instrumentId)] : []),
        ...(symbol ? [eq(instruments.symbol, symbol.trim().toUpperCase())] : []),
      ];
      if (conditions.length === 0) return false;
      return (
        store.db
          .select({ one: sql<number>`1` })
          .from(datasets)
          .innerJoin(instruments, eq(instruments.id, datasets.instrumentId))
          .where(or(...conditions))
          .limit(1)
          .get() !== undefined
      );
    },
  };
}

/**
 * Plan gating and usage quotas, enforced in main. Limits come from the licence's entitlements
 * while it is active or in grace, else from the free plan. Only creating is limited: what exists
 * beyond a limit (after a licence lapses) stays usable and is never deleted.
 *
 * Services call `assertCanCreate(kind)` before creating and `record(kind)` once it is created.
 */
export class Quotas {
  private readonly gauges: QuotaGauges;

  constructor(private readonly options: QuotasOptions) {
    this.gauges = options.gauges ?? storeGauges(options.store, options.userId);
  }

  /** The plan in force and its limits (waits for the licence to be verified the first time). */
  async limits(): Promise<{ plan: string; limits: PlanLimits }> {
    await this.options.licence.ready();
    const paid = this.options.licence.entitlements();
    return paid
      ? { plan: paid.plan, limits: limitsFromEntitlements(paid.entitlements) }
      : { plan: FREE_PLAN, limits: { ...FREE_LIMITS } };
  }

  /** Whether one more `kind` may be created now, as a value. */
  async check(kind: QuotaKind, target: QuotaTarget = {}): Promise<QuotaCheck> {
    const { plan, limits } = await this.limits();
    const limit = limits[kind];
    const used = this.used(kind);
    if (limit === null) return { allowed: true, kind, used, limit };
    if (kind === 'instruments' && this.gauges.hasData(target)) return { allowed: true, kind, used, limit };
    if (used < limit) return { allowed: true, kind, used, limit };
    return {
      allowed: false,
      kind,
      used,
      limit,
      message: this.exceededMessage(kind, plan, limit, used, target),
    };
  }

  /** Throws AppError `QUOTA_EXCEEDED` (limit, usage and how to lift it) when `kind` may not be created. */
  async assertCanCreate(kind: QuotaKind, target: QuotaTarget = {}): Promise<void> {
    const result = await this.check(kind, target);
    if (!result.allowed) {
      const { plan } = await this.limits();
      throw new AppError(ErrorCode.QUOTA_EXCEEDED, result.message, {
        kind,
        plan,
        limit: result.limit,
        used: result.used,
        periodEnd: kind === 'report-exports' ? this.period().end : undefined,
      });
    }
  }

  /** Whether the instrument already has data (an import into it adds no instrument). */
  hasData(target: QuotaTarget): boolean {
    return this.gauges.hasData(target);
  }

  /** Counts one (or `n`) created `kind` in the current month. Synchronous: safe inside a store transaction. */
  record(kind: QuotaKind, n = 1): void {
    if (!Number.isInteger(n) || n <= 0) return;
    const now = this.options.clock.nowSeconds();
    const { start, end } = monthPeriod(now);
    const paid = this.options.licence.entitlements();
    const plan = paid?.plan ?? FREE_PLAN;
    const limit = paid ? limitsFromEntitlements(paid.entitlements)[kind] : FREE_LIMITS[kind];
    this.options.store.db
      .insert(usageRecords)
      .values({
        id: this.options.newId(),
        userId: this.options.userId,
        metric: kind,
        periodStart: start,
        periodEnd: end,
        used: n,
        planCode: plan,
        planLimit: limit,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [usageRecords.userId, usageRecords.metric, usageRecords.periodStart],
        set: {
          used: sql`${usageRecords.used} + ${n}`,
          planCode: plan,
          planLimit: limit,
          updatedAt: now,
        },
      })
      .run();
  }

  /** The plan, the licence and usage against the limits, for `account:get-plan`. */
  async plan(): Promise<PlanDto> {
    const { plan, limits } = await this.limits();
    const { start, end } = this.period();
    const usage: UsageDto[] = QUOTA_KINDS.map((kind) => ({
      kind,
      label: QUOTA_LABELS[kind],
      measure: kind === 'report-exports' || kind === 'backtests' ? 'month' : 'now',
      used: this.used(kind),
      limit: limits[kind],
      createdThisMonth: this.monthCount(kind),
    }));
    return {
      plan,
      isFree: plan === FREE_PLAN,
      licence: this.options.licence.status(),
      periodStart: start,
      periodEnd: end,
      usage,
    };
  }

  private period() {
    return monthPeriod(this.options.clock.nowSeconds());
  }

  private used(kind: QuotaKind): number {
    if (kind === 'instruments') return this.gauges.instrumentsWithData();
    if (kind === 'active-sessions') return this.gauges.activeSessions();
    if (kind === 'automation-clients') return this.gauges.automationClients();
    return this.monthCount(kind);
  }

  private monthCount(kind: QuotaKind): number {
    const row = this.options.store.db
      .select({ used: usageRecords.used })
      .from(usageRecords)
      .where(
        and(
          eq(usageRecords.userId, this.options.userId),
          eq(usageRecords.metric, kind),
          eq(usageRecords.periodStart, this.period().start),
        ),
      )
      .get();
    return row?.used ?? 0;
  }

  private exceededMessage(
    kind: QuotaKind,
    plan: string,
    limit: number,
    used: number,
    target: QuotaTarget,
  ): string {
    const who = plan === FREE_PLAN ? 'The free plan' : `Your ${plan} plan`;
    const lift =
      plan === FREE_PLAN
        ? 'upgrade in Settings → Account to lift the limit'
        : 'move to a larger plan in Settings → Account';
    let text: string;
    if (kind === 'instruments') {
      const what = target.symbol ? ` ${target.symbol.trim().toUpperCase()}` : ' a new instrument';
      text =
        `${who} allows data for ${limit} instrument${limit === 1 ? '' : 's'} and you have ${used}. ` +
        `To import${what}, delete the data of an instrument you no longer replay, or ${lift}.`;
    } else if (kind === 'active-sessions') {
      text =
        `${who} allows ${limit} active session${limit === 1 ? '' : 's'} and you have ${used}. ` +
        `Complete or delete a session you no longer need, or ${lift}.`;
    } else if (kind === 'automation-clients') {
      text =
        `${who} allows ${limit} automation client${limit === 1 ? '' : 's'} and you have ${used}. ` +
        `Delete a client you no longer use (Settings → Automation API), or ${lift}.`;
    } else if (kind === 'backtests') {
      const resets = new Date(this.period().end * 1000).toISOString().slice(0, 10);
      text =
        `${who} allows ${limit} backtest${limit === 1 ? '' : 's'} a month and you have run ${used} this month. ` +
        `The count starts again on ${resets} (UTC); or ${lift}.`;
    } else {
      const resets = new Date(this.period().end * 1000).toISOString().slice(0, 10);
      text =
        `${who} allows ${limit} report export${limit === 1 ? '' : 's'} a month and you have used ${used} this month. ` +
        `The count starts again on ${resets} (UTC); or ${lift}.`;
    }
    const licence = this.options.licence.status();
    const why = licence.state === 'expired' || licence.state === 'invalid' ? ` ${licence.message}` : '';
    return `${text}${why || ' Everything you already made stays available.'}`;
  }
}
