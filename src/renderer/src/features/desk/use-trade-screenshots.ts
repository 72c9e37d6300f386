import { useEffect, useRef, useState } from 'react';
import type { ScreenshotKind } from '../../../../shared/contract/reports';
import type { PositionDto, SessionStatus } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import type { ChartFeed } from './chart/CandleChart';

/** The chart as it is drawn now, as plain base64 PNG (what `journal:add-screenshot` takes). */
export function chartPngBase64(feed: ChartFeed): string {
  return feed.chart
    .takeScreenshot()
    .toDataURL('image/png')
    .replace(/^data:image\/png;base64,/, '');
}

/** After the chart has painted the bar that caused the fill. */
const afterPaint = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/**
 * Puts the chart into a trade's journal when the position opens and when it closes on the desk.
 * Only what happens from the moment the desk opened counts (`openedTs`/`closedTs` at or after the
 * cursor then), and the shots already stored are never taken twice, so reopening the desk or a
 * replayed tick adds nothing.
 */
export function useTradeScreenshots(opts: {
  sessionId: string;
  feed: ChartFeed | null;
  /** The session as the desk loaded it; null until then. A finished session takes no shots. */
  loaded: { cursorTs: number; status: SessionStatus } | null;
  open: PositionDto[];
  closed: PositionDto[];
  onError: (message: string) => void;
}) {
  const { sessionId, feed, open, closed, onError } = opts;
  const since = useRef<number | null | undefined>(undefined);
  if (since.current === undefined && opts.loaded) {
    const finished = opts.loaded.status === 'COMPLETED' || opts.loaded.status === 'ARCHIVED';
    since.current = finished ? null : opts.loaded.cursorTs;
  }
  /** `kind:positionId` of shots stored or on their way; null until the stored ones are listed. */
  const [taken, setTaken] = useState<Set<string> | null>(null);

  useEffect(() => {
    let live = true;
    api['journal:screenshots']({ sessionId }).then(
      (shots) => {
        if (live) setTaken(new Set(shots.map((s) => `${s.kind}:${s.positionId}`)));
      },
      () => {
        if (live) setTaken(new Set());
      },
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  useEffect(() => {
    const from = since.current;
    const done = taken;
    if (!feed || from == null || !done) return;
    const due: { positionId: string; kind: ScreenshotKind }[] = [];
    for (const p of open)
      if (p.openedTs >= from && !done.has(`entry:${p.id}`)) due.push({ positionId: p.id, kind: 'entry' });
    for (const p of closed)
      if (p.closedTs !== null && p.closedTs >= from && !done.has(`exit:${p.id}`))
        due.push({ positionId: p.id, kind: 'exit' });
    if (due.length === 0) return;
    for (const d of due) done.add(`${d.kind}:${d.positionId}`);
    void afterPaint().then(async () => {
      const pngBase64 = chartPngBase64(feed);
      for (const d of due) {
        try {
          await api['journal:add-screenshot']({ ...d, pngBase64 });
        } catch (e) {
          onError(`Could not save the ${d.kind} screenshot: ${errorMessage(e)}`);
        }
      }
    });
  }, [feed, open, closed, taken, onError]);
}
