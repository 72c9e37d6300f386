import { z } from 'zod';
import { method } from './method';

/** The trader's plan, licence and usage against the plan's limits. */

export const QUOTA_KINDS = [
  'instruments',
  'active-sessions',
  'report-exports',
  'automation-clients',
  'backtests',
] as const;
/**
 * What a plan limits: instruments with data, sessions not yet completed, report exports a month,
 * automation clients (the programs allowed to drive the local API), backtests a month.
 */
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/**
 * `none`: no licence stored (free plan). `active`: verified, before expiry. `grace`: past expiry,
 * still the paid plan for `graceDaysLeft` more days (refresh when online). `expired`: past the
 * grace period (free plan). `invalid`: stored but rejected (tampered, other machine, unreadable):
 * free plan.
 */
export const LICENCE_STATES = ['none', 'active', 'grace', 'expired', 'invalid'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export interface LicenceStatusDto {
  state: LicenceState;
  /** Why an `invalid` token was rejected (e.g. `bad_signature`, `wrong_hardware`). */
  reason: string | null;
  /** A sentence for people describing the state. */
  message: string;
  /** The plan the licence grants (also shown for `expired`, for the message). */
  plan: string | null;
  email: string | null;
  /** UTC seconds. */
  expiresAt: number | null;
  /** UTC seconds: when the grace period ends and the app falls back to the free plan. */
  graceEndsAt: number | null;
  /** Whole days left in the grace period (rounded up); null unless `grace`. */
  graceDaysLeft: number | null;
  /** This machine's hashed hardware id, as sent to the server when activating. */
  hardwareId: string;
}

export interface UsageDto {
  kind: QuotaKind;
  /** Full words for the UI, e.g. "Instruments with data". */
  label: string;
  /**
   * `now`: a count of what exists (instruments with data, active sessions, automation clients);
   * `month`: a counter for the current UTC calendar month (report exports).
   */
  measure: 'now' | 'month';
  used: number;
  /** Null when the plan does not limit it. */
  limit: number | null;
  /** How many were created in the current month (all kinds). */
  createdThisMonth: number;
}

export interface PlanDto {
  /** The plan in force: `free`, or the licence's plan code while `active` or in `grace`. */
  plan: string;
  isFree: boolean;
  licence: LicenceStatusDto;
  /** The current usage period (UTC calendar month), UTC seconds [start, end). */
  periodStart: number;
  periodEnd: number;
  usage: UsageDto[];
}

export const accountMethods = {
  'account:get-plan': method<PlanDto>()(z.object({}).strict()),
};
