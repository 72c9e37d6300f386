/**
 * A small hand validator for challenge templates (zod stays out of the core). It reads unknown
 * JSON and answers either the typed template or every problem found, each naming its field by
 * path ('phases[1].maxDailyLoss.limitPct'), so a broken preset file says exactly what is wrong.
 */
import type {
  ChallengeTemplate,
  ConsistencyRule,
  DayReset,
  MaxDailyLossRule,
  MaxOverallLossRule,
  MaxRiskPerTradeRule,
  PhaseRules,
} from './rulebook';

export interface RulebookError {
  /** Dotted path to the field: 'phases[0].maxOverallLoss.mode'. */
  path: string;
  message: string;
}

export type RulebookResult = { ok: true; value: ChallengeTemplate } | { ok: false; errors: RulebookError[] };

type Obj = Record<string, unknown>;

interface NumberRange {
  min: number;
  max: number;
  minInclusive?: boolean;
  integer?: boolean;
}

class Reader {
  readonly errors: RulebookError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  object(value: unknown, path: string, keys: readonly string[]): Obj | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return null;
    }
    const obj = value as Obj;
    for (const key of Object.keys(obj)) {
      if (!keys.includes(key)) this.fail(join(path, key), 'is not a known field');
    }
    return obj;
  }

  string(obj: Obj, path: string, key: string, pattern?: RegExp, hint?: string): string {
    const v = obj[key];
    if (typeof v !== 'string' || v.length === 0) {
      this.fail(join(path, key), 'must be a non-empty string');
      return '';
    }
    if (pattern && !pattern.test(v)) this.fail(join(path, key), hint ?? `must match ${pattern}`);
    return v;
  }

  oneOf<T extends string>(obj: Obj, path: string, key: string, options: readonly T[]): T {
    const v = obj[key];
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      this.fail(join(path, key), `must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
      return options[0]!;
    }
    return v as T;
  }

  boolean(obj: Obj, path: string, key: string): boolean {
    const v = obj[key];
    if (typeof v !== 'boolean') {
      this.fail(join(path, key), 'must be true or false');
      return false;
    }
    return v;
  }

  /** A finite number in (min, max] (or [min, max] when `minInclusive`), optionally an integer. */
  number(obj: Obj, path: string, key: string, range: NumberRange): number {
    return this.numberValue(obj[key], join(path, key), range);
  }

  numberValue(v: unknown, path: string, range: NumberRange): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(path, 'must be a number');
      return range.min;
    }
    if (range.integer && !Number.isInteger(v)) this.fail(path, 'must be a whole number');
    const aboveMin = range.minInclusive ? v >= range.min : v > range.min;
    if (!aboveMin || v > range.max) {
      const low = range.minInclusive ? 'at least' : 'more than';
      this.fail(path, `must be ${low} ${range.min} and at most ${range.max}`);
    }
    return v;
  }

  /** `null`, or the value read by `read`; an absent key is an error (every rule is explicit). */
  nullable<T>(obj: Obj, path: string, key: string, read: (value: unknown, path: string) => T): T | null {
    if (!(key in obj)) {
      this.fail(join(path, key), 'is required (use null to switch the rule off)');
      return null;
    }
    const v = obj[key];
    return v === null ? null : read(v, join(path, key));
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ZONE = /^(?:UTC|[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;

function readDayReset(r: Reader, value: unknown, path: string): DayReset {
  const o = r.object(value, path, ['time', 'zone']) ?? {};
  return {
    time: r.string(o, path, 'time', CLOCK, "must be a 24-hour 'HH:MM' time"),
    zone: r.string(o, path, 'zone', ZONE, "must be an IANA zone name ('Europe/Prague') or 'UTC'"),
  };
}

function readDailyLoss(r: Reader, value: unknown, path: string): MaxDailyLossRule {
  const o = r.object(value, path, ['limitPct', 'base', 'reference']) ?? {};
  return {
    limitPct: r.number(o, path, 'limitPct', { min: 0, max: 100 }),
    base: r.oneOf(o, path, 'base', ['balance', 'equity'] as const),
    reference: r.oneOf(o, path, 'reference', ['start-of-day-balance', 'max-balance-equity'] as const),
  };
}

function readOverallLoss(r: Reader, value: unknown, path: string): MaxOverallLossRule {
  const o = r.object(value, path, ['limitPct', 'mode', 'lockAtInitial']) ?? {};
  return {
    limitPct: r.number(o, path, 'limitPct', { min: 0, max: 100 }),
    mode: r.oneOf(o, path, 'mode', ['static', 'trailing-equity', 'trailing-eod-balance'] as const),
    lockAtInitial: r.boolean(o, path, 'lockAtInitial'),
  };
}

function readConsistency(r: Reader, value: unknown, path: string): ConsistencyRule {
  const o = r.object(value, path, ['maxDayPctOfProfit']) ?? {};
  return { maxDayPctOfProfit: r.number(o, path, 'maxDayPctOfProfit', { min: 0, max: 100 }) };
}

function readRisk(r: Reader, value: unknown, path: string): MaxRiskPerTradeRule {
  const o = r.object(value, path, ['limitPct', 'requireStopLoss']) ?? {};
  return {
    limitPct: r.number(o, path, 'limitPct', { min: 0, max: 100 }),
    requireStopLoss: r.boolean(o, path, 'requireStopLoss'),
  };
}

const PHASE_KEYS = [
  'name',
  'profitTargetPct',
  'minTradingDays',
  'tradingDayCounts',
  'timeLimitDays',
  'maxDailyLoss',
  'maxOverallLoss',
  'consistency',
  'maxOpenLots',
  'maxRiskPerTrade',
  'weekendHolding',
] as const;

function readPhase(r: Reader, value: unknown, path: string): PhaseRules {
  const o = r.object(value, path, PHASE_KEYS) ?? {};
  const num =
    (min: number, max: number, integer = false) =>
    (v: unknown, p: string) =>
      r.numberValue(v, p, { min, max, integer });
  const phase: PhaseRules = {
    name: r.string(o, path, 'name'),
    profitTargetPct: r.nullable(o, path, 'profitTargetPct', num(0, 1000)),
    minTradingDays: r.number(o, path, 'minTradingDays', {
      min: 0,
      max: 366,
      minInclusive: true,
      integer: true,
    }),
    tradingDayCounts: r.oneOf(o, path, 'tradingDayCounts', ['opened', 'any-fill'] as const),
    timeLimitDays: r.nullable(o, path, 'timeLimitDays', num(0, 3660, true)),
    maxDailyLoss: r.nullable(o, path, 'maxDailyLoss', (v, p) => readDailyLoss(r, v, p)),
    maxOverallLoss: r.nullable(o, path, 'maxOverallLoss', (v, p) => readOverallLoss(r, v, p)),
    consistency: r.nullable(o, path, 'consistency', (v, p) => readConsistency(r, v, p)),
    maxOpenLots: r.nullable(o, path, 'maxOpenLots', num(0, 10_000)),
    maxRiskPerTrade: r.nullable(o, path, 'maxRiskPerTrade', (v, p) => readRisk(r, v, p)),
    weekendHolding: r.boolean(o, path, 'weekendHolding'),
  };
  if (phase.consistency && phase.profitTargetPct === null) {
    r.fail(join(path, 'consistency'), 'needs a profitTargetPct (it is checked when the phase passes)');
  }
  return phase;
}

/** Checks unknown JSON against the template schema; every error names its field. */
export function validateTemplate(json: unknown): RulebookResult {
  const r = new Reader();
  const o = r.object(json, '', [
    'schemaVersion',
    'id',
    'name',
    'style',
    'initialBalanceCents',
    'dayReset',
    'phases',
  ]);
  if (!o) return { ok: false, errors: r.errors };
  if (o.schemaVersion !== 1) r.fail('schemaVersion', 'must be 1');
  const id = r.string(o, '', 'id', SLUG, 'must be a kebab-case slug');
  const name = r.string(o, '', 'name');
  const style = r.oneOf(o, '', 'style', ['two-step', 'one-step', 'instant'] as const);
  const initialBalanceCents = r.number(o, '', 'initialBalanceCents', {
    min: 0,
    max: Number.MAX_SAFE_INTEGER / 1000,
    integer: true,
  });
  const dayReset = readDayReset(r, o.dayReset, 'dayReset');
  const phases: PhaseRules[] = [];
  if (!Array.isArray(o.phases) || o.phases.length === 0) {
    r.fail('phases', 'must be a non-empty array');
  } else {
    o.phases.forEach((p, i) => {
      phases.push(readPhase(r, p, `phases[${i}]`));
    });
    const expected = style === 'two-step' ? 3 : style === 'one-step' ? 2 : 1;
    if (o.phases.length !== expected) {
      r.fail('phases', `a ${style} challenge has ${expected} phase${expected === 1 ? '' : 's'}`);
    }
    phases.forEach((p, i) => {
      const last = i === phases.length - 1;
      if (!last && p.profitTargetPct === null) {
        r.fail(`phases[${i}].profitTargetPct`, 'is required for every phase before the last');
      }
      if (last && p.profitTargetPct !== null) {
        r.fail(`phases[${i}].profitTargetPct`, 'must be null on the last (funded) phase');
      }
    });
  }
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { schemaVersion: 1, id, name, style, initialBalanceCents, dayReset, phases } };
}
