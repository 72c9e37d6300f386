import { BLIND_HIDDEN_TS } from '../../../shared/blind-time';

/** How one blind session's values are disguised: a whole-day time shift and a price offset. */
export interface BlindParams {
  timeShiftSeconds: number;
  priceOffset: number;
  /** The instrument's decimals: masked prices are rounded to them, so no float noise shows. */
  digits: number;
}

/*
 * Fields are recognised by name, the same way in both directions, so whatever a screen reads it
 * reads masked and whatever it sends back (an order's price, a drawing's time) is unmasked by the
 * same rule. Market times: `ts`, `time`, `*Ts`, `periodStart`; wall-clock times would give the
 * shift away (the trader knows today's date), so they are hidden outright.
 */
const WALL_CLOCK_KEYS = new Set(['createdAt', 'updatedAt', 'uploadedAt', 'lastUsedAt']);
const PRICE_KEYS = new Set(['price', 'open', 'high', 'low', 'close', 'bid', 'ask', 'sl', 'tp', 'level']);
const ISO_TIME_KEYS = new Set(['startAt', 'endAt', 'expiresAt', 'to', 'from']);

function isTimeKey(key: string): boolean {
  return key === 'ts' || key === 'time' || key === 'periodStart' || /[a-z]Ts$/.test(key);
}

function isPriceKey(key: string): boolean {
  return PRICE_KEYS.has(key) || /[a-z](Price|Bid|Ask)$/.test(key);
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?/g;

export class BlindMask {
  constructor(private readonly p: BlindParams) {}

  time(ts: number): number {
    return ts + this.p.timeShiftSeconds;
  }

  realTime(ts: number): number {
    return ts - this.p.timeShiftSeconds;
  }

  price(value: number): number {
    return this.p.priceOffset === 0 ? value : roundTo(value + this.p.priceOffset, this.p.digits);
  }

  realPrice(value: number): number {
    return this.p.priceOffset === 0 ? value : roundTo(value - this.p.priceOffset, this.p.digits);
  }

  /**
   * Free text written by the engine or a service (a reject reason, an error message): dates are
   * hidden and every number written with the instrument's decimals is taken for a price.
   */
  text(value: string): string {
    const hiddenDates = value.replace(ISO_DATE, '(hidden date)');
    if (this.p.priceOffset === 0 || this.p.digits === 0) return hiddenDates;
    const decimals = new RegExp(`\\b\\d+\\.\\d{${this.p.digits}}\\b`, 'g');
    return hiddenDates.replace(decimals, (n) => this.price(Number(n)).toFixed(this.p.digits));
  }

  /** A copy of `value` as the trader may see it. */
  out<T>(value: T): T {
    return this.walk(value, 'out') as T;
  }

  /** A copy of the trader's `value` in the stored prices and times. */
  in<T>(value: T): T {
    return this.walk(value, 'in') as T;
  }

  private walk(value: unknown, dir: 'in' | 'out', key = ''): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v, dir, key));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) copy[k] = this.walk(v, dir, k);
      return copy;
    }
    if (typeof value === 'number') {
      if (WALL_CLOCK_KEYS.has(key)) return dir === 'out' ? BLIND_HIDDEN_TS : value;
      if (isTimeKey(key)) return dir === 'out' ? this.time(value) : this.realTime(value);
      if (isPriceKey(key)) return dir === 'out' ? this.price(value) : this.realPrice(value);
      return value;
    }
    if (typeof value === 'string') {
      if (dir === 'in' && ISO_TIME_KEYS.has(key)) {
        const ms = Date.parse(value);
        return Number.isNaN(ms) ? value : new Date(this.realTime(Math.floor(ms / 1000)) * 1000).toISOString();
      }
      if (dir === 'out' && (key === 'rejectReason' || key === 'message' || key === 'reason'))
        return this.text(value);
    }
    return value;
  }
}
