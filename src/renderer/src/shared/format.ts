import { formatBlindDay, formatBlindTs, isMaskedTs } from '../../../shared/blind-time';

/** Money in cents as "10,000.00 USD"-style text with a sign only when negative. */
export function formatMoney(cents: number, currency = 'USD'): string {
  const value = (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${value} ${currency}`;
}

export function formatSignedMoney(cents: number): string {
  const text = (Math.abs(cents) / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return cents > 0 ? `+${text}` : cents < 0 ? `−${text}` : text;
}

/** A ratio such as a profit factor or an R-multiple; "—" when there is none. */
export function formatNumber(value: number | null, places = 2): string {
  return value === null ? '—' : value.toFixed(places);
}

/** A percentage as "12.34 %"; "—" when there is none. */
export function formatPct(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)} %`;
}

export function formatPrice(price: number | null | undefined, digits: number): string {
  return price == null ? '—' : price.toFixed(digits);
}

/**
 * UTC epoch seconds as "2019-01-02 10:00" (UTC, like every time the app shows); a blind session's
 * masked time as "Day 3 10:00", so no screen can print its date.
 */
export function formatTs(ts: number | null | undefined): string {
  if (ts == null) return '—';
  if (isMaskedTs(ts)) return formatBlindTs(ts);
  return new Date(ts * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** UTC epoch seconds as the day "2019-01-02" (a blind session's as "Day 3"). */
export function formatDay(ts: number | null | undefined): string {
  if (ts != null && isMaskedTs(ts)) return formatBlindDay(ts);
  return formatTs(ts).slice(0, 10);
}

/** An ISO 8601 UTC stamp inside a message ("2017-01-02T00:00:00Z", with or without seconds or millis). */
const ISO_STAMP = /\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|\+00:00)(?!\w)/g;
/** A method name some messages lead with ("Invalid input for orders:place: ", "journal:add-screenshot: "). */
const METHOD_PREFIX = /^(?:(?:Invalid input for|Internal error in) )?[a-z]+:[a-z-]+: /;

/**
 * The one way an error reaches the trader's eyes: the back end's message (already a sentence that
 * names the field and carries the account currency), its stamps in the app's own date format
 * ("2017-01-02 00:00 UTC", as every time on screen), never a method name or a stack.
 */
export function errorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw.replace(METHOD_PREFIX, '').replace(ISO_STAMP, '$1 $2 UTC').trim();
  if (!text) return 'Something went wrong; try again.';
  // A sentence starts with a capital, but a file name that opens it keeps its own spelling.
  return /^[a-z][A-Za-z0-9]*(?:\s|$|[,:;])/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * Trades carry no instrument spec: their prices print to the most decimals any of them has
 * (1.1413 beside 1.14201 reads as 1.14130), as the instrument's digits would.
 */
export function tradePriceDigits(
  trades: readonly { entryPrice: number; exitPrice: number | null }[],
): number {
  let digits = 0;
  for (const t of trades) {
    for (const price of [t.entryPrice, t.exitPrice]) {
      if (price == null) continue;
      const text = String(price);
      const dot = text.indexOf('.');
      if (dot >= 0 && !text.includes('e')) digits = Math.max(digits, text.length - dot - 1);
    }
  }
  return Math.min(digits, 8);
}
