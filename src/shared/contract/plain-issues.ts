import type { z } from 'zod';

/**
 * Plain sentences for refused contract input. Zod's own wording ("Too big: expected number to be
 * <=1000") reached the trader as it was; every transport (the window, the CLI, the automation API)
 * now gets "Lots must be at most 1,000." with the field named, and `details.issues` keeps each
 * issue's path for code.
 */

/** An input issue as it crosses the contract: where, and what is wrong there. */
export interface InputIssue {
  path: string[];
  message: string;
}

/**
 * What traders call the fields they type on the desk and in the forms. Any other field (ids, nested
 * settings) is spelled out from its name with its path beside it, for whoever wrote the call.
 */
const FIELD_LABELS: Record<string, string> = {
  lots: 'Lots',
  side: 'The side',
  sl: 'The stop loss',
  tp: 'The take profit',
  slPips: 'The stop loss in pips',
  tpPips: 'The take profit in pips',
  price: 'The price',
  pngBase64: 'The image',
  startAt: 'The start',
  endAt: 'The end',
  to: 'The time',
  symbol: 'The symbol',
  initialBalance: 'The opening balance',
  leverage: 'The leverage',
  spreadPoints: 'The spread',
  slippagePoints: 'The slippage',
  commissionPerLot: 'The commission',
  stopOutPct: 'The stop-out level',
  quoteRate: 'The quote rate',
  handle: 'The file',
  path: 'The file path',
  base64: 'The piece',
};

const group = (n: number) => {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
};

const list = (items: readonly unknown[]) => {
  const words = items.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
};

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  bigint: 'a whole number',
  date: 'a date',
};

type RawIssue = z.core.$ZodRawIssue;

/**
 * The per-parse error map the dispatcher passes to zod: a predicate ("must be at most 1,000")
 * for zod's own issues. A message written in a schema wins over it, as zod gives schema messages
 * precedence.
 */
export function plainIssueMessage(issue: RawIssue): string {
  const i = issue as RawIssue & Record<string, unknown>;
  const kind = (i.origin as string | undefined) ?? 'number';
  switch (issue.code) {
    case 'too_big': {
      const max = Number(i.maximum);
      if (kind === 'string') return `must be at most ${group(max)} characters`;
      if (kind === 'array' || kind === 'set') return `must have at most ${group(max)} items`;
      return i.inclusive ? `must be at most ${group(max)}` : `must be below ${group(max)}`;
    }
    case 'too_small': {
      const min = Number(i.minimum);
      if (kind === 'string')
        return min <= 1 ? 'must not be empty' : `must be at least ${group(min)} characters`;
      if (kind === 'array' || kind === 'set')
        return `must have at least ${group(min)} item${min === 1 ? '' : 's'}`;
      return i.inclusive ? `must be at least ${group(min)}` : `must be above ${group(min)}`;
    }
    case 'invalid_type':
      if (i.input === undefined) return 'is missing';
      return `must be ${TYPE_WORDS[String(i.expected)] ?? String(i.expected)}`;
    case 'invalid_value':
      return `must be ${list((i.values as unknown[]) ?? [])}`;
    case 'invalid_format':
      if (i.format === 'datetime') return 'must be a date and time in UTC, like 2024-03-04T07:00:00Z';
      if (i.format === 'email') return 'must be an email address';
      if (i.format === 'url') return 'must be a web address';
      return 'is not in the expected form';
    case 'not_multiple_of':
      return `must be a multiple of ${group(Number(i.divisor))}`;
    case 'unrecognized_keys': {
      const keys = (i.keys as string[]) ?? [];
      return `${list(keys.map((k) => `"${k}"`))} ${keys.length === 1 ? 'is not a field' : 'are not fields'} this call takes`;
    }
    default:
      return 'is not valid';
  }
}

/** "Lots", "The stop loss", or the last name of the path spelled out with the path ("Max risk pct (risk.maxRiskPct)"). */
export function fieldLabel(path: readonly string[]): string {
  const named = [...path].reverse().find((p) => !/^\d+$/.test(p));
  if (named === undefined) return 'The input';
  const known = FIELD_LABELS[named];
  if (known && path.length === 1) return known;
  const label =
    known ??
    named
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase());
  return `${label} (${path.join('.')})`;
}

const PREDICATE = /^(must|is|are|has|have|needs?|cannot|can't|should)\b/;

/** One issue as a sentence that names its field. */
export function issueSentence(issue: InputIssue): string {
  const message = issue.message.trim();
  let sentence: string;
  if (/^[A-Z"]/.test(message)) sentence = message;
  else if (issue.path.length === 0) sentence = message.replace(/^./, (c) => c.toUpperCase());
  else if (PREDICATE.test(message)) sentence = `${fieldLabel(issue.path)} ${message}`;
  else sentence = `${fieldLabel(issue.path)}: ${message}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Every issue as a sentence, one after the other. */
export function describeIssues(issues: readonly InputIssue[]): string {
  return issues.map(issueSentence).join(' ');
}
