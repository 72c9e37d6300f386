/** Chart and data timeframes, finest first. */
export const TIMEFRAMES = ['M1', 'M5', 'M10', 'M15', 'M30', 'H1', 'H2', 'H4', 'D1', 'W1'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Length of one bar in seconds. */
export const TIMEFRAME_SECONDS: Record<Timeframe, number> = {
  M1: 60,
  M5: 300,
  M10: 600,
  M15: 900,
  M30: 1800,
  H1: 3600,
  H2: 7200,
  H4: 14400,
  D1: 86400,
  W1: 604800,
};

/** Base bars a second, except `max`: the next bar as soon as the last one is stored. */
export const SPEEDS = ['0.5x', '1x', '2x', '3x', '5x', '10x', '15x', '30x', '60x', 'max'] as const;
export type Speed = (typeof SPEEDS)[number];

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}
