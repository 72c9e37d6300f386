import { z } from 'zod';
import { AppError, ErrorCode } from '../../../shared/errors';
import { SPEEDS, TIMEFRAMES } from '../../../shared/timeframes';
import { isoToTs } from '../../features/trading';

const iso = z.iso.datetime({ offset: true });
const side = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(['BUY', 'SELL']));
const price = z.number().positive().finite();
const ref = z.string().min(1).max(100);

const common = { at: iso, ref: ref.optional(), comment: z.string().max(200).optional() };
const entryFields = {
  ...common,
  side,
  lots: z.number().positive().max(1000),
  sl: price.optional(),
  tp: price.optional(),
  slPips: z.number().positive().optional(),
  tpPips: z.number().positive().optional(),
  trailingPts: z.number().min(0).optional(),
};

const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('market'), ...entryFields }).strict(),
  z
    .object({
      type: z.literal('limit'),
      ...entryFields,
      price,
      expiresAt: iso.optional(),
      ocoWith: ref.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('stop'),
      ...entryFields,
      price,
      expiresAt: iso.optional(),
      ocoWith: ref.optional(),
    })
    .strict(),
  z.object({ type: z.literal('close'), ...common, ref, lots: z.number().positive().optional() }).strict(),
  z
    .object({
      type: z.literal('modify'),
      ...common,
      ref,
      price: price.optional(),
      sl: price.nullable().optional(),
      tp: price.nullable().optional(),
      trailingPts: z.number().min(0).nullable().optional(),
    })
    .strict(),
  z.object({ type: z.literal('cancel'), ...common, ref }).strict(),
  z.object({ type: z.literal('closeAll'), ...common }).strict(),
  z.object({ type: z.literal('breakeven'), ...common, ref }).strict(),
  /** Step back `bars` base bars from `at` (issue 19): later actions then run on the rewound session. */
  z
    .object({ type: z.literal('stepBack'), at: iso, bars: z.number().int().positive().max(1_000_000) })
    .strict(),
]);

export const replayScriptSchema = z
  .object({
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    timeframe: z.enum(TIMEFRAMES).default('M1'),
    from: iso,
    to: iso.optional(),
    balance: z.number().positive().default(10_000),
    currency: z.string().length(3).default('USD'),
    leverage: z.number().positive().default(100),
    spreadPts: z.number().min(0).default(10),
    slippagePts: z.number().min(0).default(0),
    commissionPerLot: z.number().min(0).default(0),
    stopOutPct: z.number().min(0).default(50),
    speed: z.enum(SPEEDS).optional(),
    quoteRate: z.number().positive().optional(),
    risk: z
      .object({
        maxRiskPct: z.number().positive().optional(),
        maxDailyLoss: z.number().positive().optional(),
        maxTradesPerDay: z.number().int().positive().optional(),
        defaultSlPips: z.number().positive().optional(),
        defaultTpPips: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    actions: z.array(actionSchema).default([]),
  })
  .strict();

export type ReplayScript = z.output<typeof replayScriptSchema>;
export type Action = ReplayScript['actions'][number];

/** Parses and checks a script; every problem is an INVALID_INPUT naming the field. */
export function parseReplayScript(text: string): ReplayScript {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError(ErrorCode.INVALID_INPUT, `The script is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = replayScriptSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(script)'}: ${i.message}`);
    throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${issues.join('; ')}`);
  }
  const script = parsed.data;
  const fromTs = isoToTs(script.from);
  const toTs = script.to ? isoToTs(script.to) : null;
  if (toTs !== null && toTs <= fromTs)
    throw new AppError(ErrorCode.INVALID_INPUT, 'Invalid replay script: "to" must be after "from"');
  const defined = new Set<string>();
  const ordered = script.actions
    .map((a, index) => ({ a, index }))
    .sort((x, y) => isoToTs(x.a.at) - isoToTs(y.a.at) || x.index - y.index);
  for (const { a, index } of ordered) {
    const at = isoToTs(a.at);
    const where = `actions.${index}`;
    if (at < fromTs)
      throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${where}.at is before "from"`);
    if (toTs !== null && at > toTs)
      throw new AppError(ErrorCode.INVALID_INPUT, `Invalid replay script: ${where}.at is after "to"`);
    const creates = a.type === 'market' || a.type === 'limit' || a.type === 'stop';
    if (creates) {
      if (a.ref !== undefined) {
        if (defined.has(a.ref))
          throw new AppError(
            ErrorCode.INVALID_INPUT,
            `Invalid replay script: ${where}.ref "${a.ref}" is used twice`,
          );
        defined.add(a.ref);
      }
      if ((a.type === 'limit' || a.type === 'stop') && a.ocoWith !== undefined && !defined.has(a.ocoWith)) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `Invalid replay script: ${where}.ocoWith "${a.ocoWith}" is not an earlier order`,
        );
      }
    } else if ('ref' in a && a.ref !== undefined && a.type !== 'closeAll' && !defined.has(a.ref)) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `Invalid replay script: ${where}.ref "${a.ref}" is not an earlier order`,
      );
    }
  }
  script.actions = ordered.map((o) => o.a);
  return script;
}
