import type { QuotaKind } from '../../../shared/contract/account';
import type { LicenceEntitlements } from '../../../shared/licence';

/** What a plan allows per quota kind; null = no limit. */
export type PlanLimits = Record<QuotaKind, number | null>;

export const FREE_PLAN = 'free';

/** The free plan: enough to learn the app and replay a few markets. */
export const FREE_LIMITS: Readonly<PlanLimits> = Object.freeze({
  instruments: 3,
  'active-sessions': 2,
  'report-exports': 5,
  'automation-clients': 2,
  backtests: 30,
});

/**
 * The licence token's `entitlements.features` key for each quota, as the hosted server's plans
 * configure them (src/server/config.ts: maxInstruments, maxActiveSessions, reportExportsPerMonth).
 */
export const QUOTA_FEATURES: Readonly<Record<QuotaKind, string>> = Object.freeze({
  instruments: 'maxInstruments',
  'active-sessions': 'maxActiveSessions',
  'report-exports': 'reportExportsPerMonth',
  'automation-clients': 'maxAutomationClients',
  backtests: 'backtestsPerMonth',
});

export const QUOTA_LABELS: Readonly<Record<QuotaKind, string>> = Object.freeze({
  instruments: 'Instruments with data',
  'active-sessions': 'Active sessions',
  'report-exports': 'Report exports this month',
  'automation-clients': 'Automation clients',
  backtests: 'Backtests this month',
});

/**
 * A paid plan's limits from its licence entitlements. A feature that is absent, not a number or
 * negative means no limit; a paid plan never allows less than the free plan.
 */
export function limitsFromEntitlements(entitlements: LicenceEntitlements): PlanLimits {
  const limits = { ...FREE_LIMITS };
  for (const kind of Object.keys(QUOTA_FEATURES) as QuotaKind[]) {
    const value = entitlements.features?.[QUOTA_FEATURES[kind]];
    limits[kind] =
      typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? Math.max(Math.floor(value), FREE_LIMITS[kind] ?? 0)
        : null;
  }
  return limits;
}
