import type { TickstepApp } from '../../../src/main/app/open-app';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { CandleDto } from '../../../src/shared/dto';

/** Wednesday 2 January 2019 00:00 UTC: the crafted data starts here. */
export const DATA_START = 1_546_387_200;
export const PRESET = 'two-step-10-5-static';

/**
 * Quiet EURUSD M1 bars at 1.10000 (range 0.5 pip) with the given bars replaced by [O, H, L, C]:
 * a breach or a target is then reached exactly where the test puts it.
 */
export function craftedCandles(
  count: number,
  special: Record<number, [number, number, number, number]>,
  startTs = DATA_START,
) {
  const out: CandleDto[] = [];
  for (let i = 0; i < count; i++) {
    const [open, high, low, close] = special[i] ?? [1.1, 1.10005, 1.09995, 1.1];
    out.push({ ts: startTs + i * 60, open, high, low, close, volume: 1 });
  }
  return out;
}

export async function call<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) {
    throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), {
      code: result.error.code,
    });
  }
  return result.value as MethodOutput<K>;
}

/** The start of a challenge at bar 10 (00:10 UTC), spread 1 pip, no slippage or commission. */
export const START = {
  templateId: PRESET,
  symbol: 'EURUSD',
  startAt: '2019-01-02T00:10:00Z',
  spreadPts: 10,
} as const;
