import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type ChartSettings,
  DEFAULT_CHART_SETTINGS,
  type DrawingDto,
  type DrawingInput,
  type IndicatorConfig,
} from '../../../../../shared/contract/studies';
import { api } from '../../../shared/contract-client';
import { errorMessage } from '../../../shared/format';

const SAVE_DELAY_MS = 300;

/** A session's indicator setup and chart settings, loaded once and saved shortly after each change. */
export function useChartStudies(sessionId: string) {
  const [indicators, setIndicators] = useState<IndicatorConfig[]>([]);
  const [settings, setSettings] = useState<ChartSettings>(DEFAULT_CHART_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ indicators, settings });

  useEffect(() => {
    let live = true;
    setLoaded(false);
    api['studies:get']({ sessionId }).then(
      (studies) => {
        if (!live) return;
        setIndicators(studies.indicators);
        setSettings(studies.settings);
        latest.current = { indicators: studies.indicators, settings: studies.settings };
        setLoaded(true);
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  const flush = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    const { indicators, settings } = latest.current;
    api['studies:save']({ sessionId, indicators, settings }).then(
      () => setError(null),
      (e) => setError(errorMessage(e)),
    );
  }, [sessionId]);

  // Whatever is pending is saved when the desk closes the session.
  useEffect(() => () => void (pending.current && flush()), [flush]);

  const change = useCallback(
    (next: { indicators?: IndicatorConfig[]; settings?: ChartSettings }) => {
      latest.current = {
        indicators: next.indicators ?? latest.current.indicators,
        settings: next.settings ?? latest.current.settings,
      };
      if (next.indicators) setIndicators(next.indicators);
      if (next.settings) setSettings(next.settings);
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    [flush],
  );

  return { indicators, settings, loaded, error, change };
}

/** The drawings visible in a session, with save and delete going straight to the store. */
export function useDrawings(sessionId: string) {
  const [drawings, setDrawings] = useState<DrawingDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** Bumped by every save and delete, so a list fetched before one of them is not applied. */
  const version = useRef(0);

  useEffect(() => {
    let live = true;
    api['drawings:list']({ sessionId }).then(
      (list) => live && setDrawings(list),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  /** Re-reads the list: instrument drawings appear once the replay reaches the time they were made. */
  const refresh = useCallback(() => {
    const at = version.current;
    api['drawings:list']({ sessionId }).then(
      (list) => version.current === at && setDrawings(list),
      () => {},
    );
  }, [sessionId]);

  const save = useCallback(
    async (drawing: DrawingInput) => {
      version.current++;
      try {
        const saved = await api['drawings:save']({ sessionId, drawing });
        setDrawings((list) =>
          list.some((d) => d.id === saved.id)
            ? list.map((d) => (d.id === saved.id ? saved : d))
            : [...list, saved],
        );
        setError(null);
        return saved;
      } catch (e) {
        setError(errorMessage(e));
        return null;
      }
    },
    [sessionId],
  );

  const remove = useCallback(
    async (drawingId: string) => {
      version.current++;
      try {
        await api['drawings:delete']({ sessionId, drawingId });
        setDrawings((list) => list.filter((d) => d.id !== drawingId));
        setError(null);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [sessionId],
  );

  return { drawings, error, save, remove, refresh };
}
