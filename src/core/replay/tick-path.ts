/**
 * The intrabar path of a base bar (ARCHITECTURE §2): four ticks `O, X, Y, C`. When
 * `high - open <= open - low` the bar goes to the high first (`X = high, Y = low`), else to the
 * low first. Price moves continuously between ticks and gaps from the previous close to `O`.
 * The engine inlines this for speed; this function is its documented, tested form.
 */
export function tickPath(
  open: number,
  high: number,
  low: number,
  close: number,
): [number, number, number, number] {
  return high - open <= open - low ? [open, high, low, close] : [open, low, high, close];
}
