/**
 * The intrabar path of a base bar (ARCHITECTURE §2): four ticks `O, X, Y, C`. When
 * `high - open <= open - low` the bar goes to the high first (`X = high, Y = low`), else to the
 * low first. Price moves continuously between ticks and gaps from the previous close to `O`.
 * The engine walks exactly this function, passing a buffer it reuses so a bar allocates nothing.
 */
export type TickPath = [number, number, number, number];

export function tickPath(
  open: number,
  high: number,
  low: number,
  close: number,
  out: TickPath = [0, 0, 0, 0],
): TickPath {
  out[0] = open;
  out[3] = close;
  if (high - open <= open - low) {
    out[1] = high;
    out[2] = low;
  } else {
    out[1] = low;
    out[2] = high;
  }
  return out;
}
