/**
 * The packed form of a run of bars (ts, open, high, low, close, volume) in the candle cache.
 *
 * Prices in a candle file are decimals with a few digits, so each bar is stored as small integer
 * differences, each a zigzag varint: the time since the previous bar in the run's time unit (the
 * largest that divides every time, so an M5 step is 1), the open from the previous close, the
 * close from the open, the wicks beyond the body, all in points of the run's decimals, and the
 * volume (about 7 bytes a bar instead of 48). Decoding is exact: a run is
 * packed this way only when `k / 10^decimals` gives back every price bit for bit, otherwise it
 * stays as plain float64 sextuples.
 *
 * The first byte tells the forms apart: `PACKED`, `PLAIN` (eight header bytes, then the doubles),
 * or 0 for the header-less runs of stores written before packing: the low byte of a float64
 * whole-second time below 2^44 is 0.
 */

const PACKED = 1;
const PLAIN = 2;
const PLAIN_HEADER = 8;
const MAX_DECIMALS = 12;
const SAFE = 2 ** 52;

/** Decimals that give every price of the run back exactly, or -1 when none do. */
function runDecimals(bars: Float64Array, n: number): number {
  let decimals = 0;
  let scale = 1;
  for (let b = 0; b < n; b++) {
    const i = b * 6;
    if (!Number.isInteger(bars[i]!) || !Number.isSafeInteger(bars[i + 5]!)) return -1;
    for (let j = i + 1; j < i + 5; j++) {
      const p = bars[j]!;
      // Exact at some decimals means exact at every greater number of them.
      while (Math.round(p * scale) / scale !== p || Math.abs(p * scale) >= SAFE) {
        if (++decimals > MAX_DECIMALS) return -1;
        scale *= 10;
      }
    }
  }
  return decimals;
}

/** 10^decimals by repeated multiplication: the same double wherever it is computed. */
function powerOfTen(decimals: number): number {
  let scale = 1;
  for (let d = 0; d < decimals; d++) scale *= 10;
  return scale;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let v = value < 0 ? -2 * value - 1 : 2 * value;
  while (v >= 128) {
    out[at++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  out[at++] = v;
  return at;
}

/** Packs the first `n` bars of `bars` (sextuples); the result owns its buffer. */
export function encodeBars(bars: Float64Array, n: number): Uint8Array {
  const decimals = runDecimals(bars, n);
  if (decimals < 0) {
    const plain = new Uint8Array(PLAIN_HEADER + n * 48);
    plain[0] = PLAIN;
    plain.set(new Uint8Array(bars.buffer, bars.byteOffset, n * 48), PLAIN_HEADER);
    return plain;
  }
  const scale = powerOfTen(decimals);
  // A varint of a value below 2^53 (doubled by the zigzag) takes at most 8 bytes.
  let unit = 0;
  for (let b = 0; b < n; b++) unit = gcd(unit, bars[b * 6]!);
  if (unit === 0) unit = 1;
  const out = new Uint8Array(2 + 8 + n * 6 * 8);
  out[0] = PACKED;
  out[1] = decimals;
  let at = writeVarint(out, 2, unit);
  let prevTs = 0;
  let prevClose = 0;
  for (let b = 0; b < n; b++) {
    const i = b * 6;
    const ts = bars[i]!;
    const open = Math.round(bars[i + 1]! * scale);
    const high = Math.round(bars[i + 2]! * scale);
    const low = Math.round(bars[i + 3]! * scale);
    const close = Math.round(bars[i + 4]! * scale);
    at = writeVarint(out, at, (ts - prevTs) / unit);
    at = writeVarint(out, at, open - prevClose);
    at = writeVarint(out, at, close - open);
    at = writeVarint(out, at, high - Math.max(open, close));
    at = writeVarint(out, at, Math.min(open, close) - low);
    at = writeVarint(out, at, bars[i + 5]!);
    prevTs = ts;
    prevClose = close;
  }
  return out.slice(0, at);
}

/** The bars of a run packed by `encodeBars` (or stored plain), as float64 sextuples. */
export function decodeBarRun(data: Uint8Array): Float64Array {
  if (data.length === 0 || data[0] !== PACKED) {
    const plain = data[0] === PLAIN ? data.subarray(PLAIN_HEADER) : data;
    if (plain.byteOffset % 8 === 0)
      return new Float64Array(plain.buffer, plain.byteOffset, plain.byteLength / 8);
    return new Float64Array(plain.slice().buffer);
  }
  const scale = powerOfTen(data[1]!);
  // Every bar takes at least six bytes.
  const bars = new Float64Array(Math.floor((data.length - 2) / 6) * 6);
  let at = 2;
  let i = 0;
  let ts = 0;
  let close = 0;
  const next = (): number => {
    let byte = data[at++]!;
    let v = byte & 127;
    let mul = 128;
    while (byte >= 128) {
      byte = data[at++]!;
      v += (byte & 127) * mul;
      mul *= 128;
    }
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  };
  const unit = next();
  while (at < data.length) {
    ts += next() * unit;
    const open = close + next();
    close = open + next();
    const high = Math.max(open, close) + next();
    const low = Math.min(open, close) - next();
    bars[i] = ts;
    bars[i + 1] = open / scale;
    bars[i + 2] = high / scale;
    bars[i + 3] = low / scale;
    bars[i + 4] = close / scale;
    bars[i + 5] = next();
    i += 6;
  }
  return bars.subarray(0, i);
}
