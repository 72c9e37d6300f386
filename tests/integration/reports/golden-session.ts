import { parseReplayScript, runReplayScript } from '../../../src/main/cli/replay';
import { seedCandles, tempApp } from '../trading/helpers';
import { GOLDEN_CANDLES, GOLDEN_SCRIPT } from './golden';

/** A fresh app with the golden candles and the golden script replayed; its cleanup goes on `cleanups`. */
export async function replayGoldenSession(cleanups: (() => void)[]) {
  const t = tempApp();
  cleanups.push(t.cleanup);
  seedCandles(t.app, 'EURUSD', 'M1', GOLDEN_CANDLES);
  const out = await runReplayScript(t.app, parseReplayScript(JSON.stringify(GOLDEN_SCRIPT)));
  return { ...t, out, sessionId: out.session.id as string };
}
