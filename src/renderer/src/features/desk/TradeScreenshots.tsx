import { useState } from 'react';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { chartPngBase64, useTradeScreenshots } from './use-trade-screenshots';

/**
 * The desk's journal camera: shoots the chart into a trade's journal at entry and at exit by
 * itself, and on the button into the journal of every open position.
 */
export function TradeScreenshots(props: Parameters<typeof useTradeScreenshots>[0]) {
  useTradeScreenshots(props);
  const [saved, setSaved] = useState<string | null>(null);
  const { feed, open, onError } = props;
  const shoot = async () => {
    if (!feed) return;
    const pngBase64 = chartPngBase64(feed);
    try {
      for (const p of open)
        await api['journal:add-screenshot']({ positionId: p.id, kind: 'manual', pngBase64 });
      setSaved(
        `Saved to ${open.length === 1 ? 'the journal of 1 position' : `the journals of ${open.length} positions`}`,
      );
      setTimeout(() => setSaved(null), 3000);
    } catch (e) {
      onError(`Could not save the screenshot: ${errorMessage(e)}`);
    }
  };
  return (
    <button
      type="button"
      onClick={shoot}
      disabled={!feed || open.length === 0}
      aria-label="Screenshot the chart into the journal of open positions"
      title={saved ?? 'Screenshot the chart into the journal of every open position'}
    >
      {saved ? 'Saved' : 'Screenshot'}
    </button>
  );
}
