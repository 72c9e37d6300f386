/** Exact powers of ten: every one up to 1e22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Reads a plain decimal (`-12.345`, with `,` as the point when `decimalComma`) straight from
 * bytes, or returns NaN for anything else so the caller falls back to the string path.
 * With at most 15 digits the digits form an exact integer and the power of ten is exact, so the
 * one division is correctly rounded: the result is bit for bit what `Number(text)` gives.
 */
export function parsePlainDecimal(
  bytes: Uint8Array,
  start: number,
  end: number,
  decimalComma: boolean,
): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (; i < end; i++) {
    const c = bytes[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else if (point < 0 && (c === 46 || (decimalComma && c === 44))) {
      point = i;
    } else return Number.NaN;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  let value = mantissa;
  if (point >= 0) {
    const fraction = end - point - 1;
    // '1.' and '.5' are left to Number(): rare, and not worth a second rule here.
    if (fraction === 0 || fraction === digits) return Number.NaN;
    value = mantissa / POW10[fraction]!;
  }
  return negative ? -value : value;
}
