import type { QuotaKind } from '../../../shared/contract/account';
import type { QuotaTarget } from './quotas';

/** The part of Quotas that creating handlers need: ask before, count after. */
export interface QuotaGate {
  assertCanCreate(kind: QuotaKind, target?: QuotaTarget): Promise<void>;
  record(kind: QuotaKind, n?: number): void;
}

/**
 * Whether a successful create is counted in the usage records. Instruments are measured from the
 * data that exists (and an import's outcome arrives later, as a job), so nothing is recorded then.
 */
const RECORDED: Record<QuotaKind, boolean> = {
  instruments: false,
  'active-sessions': true,
  'report-exports': true,
  'automation-clients': true,
  backtests: true,
};

/**
 * Wraps a handler that creates a `kind`: the plan check runs before it (in main, so no UI can
 * bypass it) and the usage record after it succeeds. `target` runs first: it names what is about
 * to be created, and any input error it throws wins over a quota error.
 */
export type Gated = <I, O>(
  kind: QuotaKind,
  create: (input: I) => O | Promise<O>,
  target?: (input: I) => QuotaTarget,
) => (input: I) => Promise<O>;

export function createGated(quotas: QuotaGate): Gated {
  return (kind, create, target) => async (input) => {
    await quotas.assertCanCreate(kind, target ? target(input) : {});
    const created = await create(input);
    if (RECORDED[kind]) quotas.record(kind);
    return created;
  };
}
