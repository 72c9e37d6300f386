import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { DatasetDto, SessionDto } from '../../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../../shared/timeframes';
import { api } from '../../shared/contract-client';
import { errorMessage } from '../../shared/format';
import { useInstruments } from '../market/use-instruments';
import {
  baseDatasetAt,
  createInputFromDraft,
  createInputFromSession,
  DEFAULT_DRAFT,
  defaultStart,
  draftStartTs,
  type SessionDraft,
} from './session-settings';

/**
 * The sessions page's state and contract calls: the sessions and datasets, the new session's
 * draft, and creating, duplicating, archiving and deleting sessions.
 */
export function useSessions(onOpen: (sessionId: string) => void) {
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [draft, setDraft] = useState<SessionDraft>(DEFAULT_DRAFT);
  const instruments = useInstruments();
  const instrument = instruments.find((i) => i.symbol === draft.symbol);
  // The failed action's message, and whether it was the new-session form's (its draft is the cause).
  const [failure, setFailure] = useState<{ text: string; fromDraft: boolean } | null>(null);
  const setError = (text: string | null, fromDraft = false) => setFailure(text ? { text, fromDraft } : null);
  const [confirm, setConfirm] = useState<SessionDto | null>(null);
  // The welcome shows only once the list is known to be empty, not while it loads.
  const [loaded, setLoaded] = useState(false);

  const reload = useCallback(async () => {
    const [s, d] = await Promise.all([api['sessions:list']({}), api['datasets:list']({})]);
    setSessions(s);
    setDatasets(d);
    setLoaded(true);
    setDraft((current) => {
      if (current.symbol || d.length === 0) return current;
      const symbol = d[0]!.symbol;
      return { ...current, symbol, startAt: defaultStart(d, symbol) ?? current.startAt };
    });
  }, []);

  useEffect(() => {
    reload().catch((e) => setFailure({ text: errorMessage(e), fromDraft: false }));
  }, [reload]);

  // Editing the draft removes the cause of a refused start (a cleared End field, a new start).
  const draftChanged = () => setFailure((f) => (f?.fromDraft ? null : f));
  const set = <K extends keyof SessionDraft>(key: K, value: SessionDraft[K]) => {
    draftChanged();
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const pickSymbol = (symbol: string) => {
    draftChanged();
    setDraft((d) => ({ ...d, symbol, startAt: defaultStart(datasets, symbol) ?? d.startAt }));
  };

  // The chart cannot be finer than the data the start falls in (H1 where only H1 exists).
  const base = baseDatasetAt(datasets, draft.symbol, draftStartTs(draft));
  const baseTimeframe = base?.timeframe as Timeframe | undefined;
  useEffect(() => {
    if (baseTimeframe && TIMEFRAME_SECONDS[draft.timeframe] < TIMEFRAME_SECONDS[baseTimeframe]) {
      setDraft((d) => ({ ...d, timeframe: baseTimeframe }));
    }
  }, [baseTimeframe, draft.timeframe]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const session = await api['sessions:create'](createInputFromDraft(draft, instrument));
      onOpen(session.id);
    } catch (e) {
      setError(errorMessage(e), true);
    }
  };

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  /** A new session with the same settings, from the same start. */
  const duplicate = (s: SessionDto) => act(() => api['sessions:create'](createInputFromSession(s)));
  const archive = (s: SessionDto) => act(() => api['sessions:archive']({ sessionId: s.id }));
  const remove = (s: SessionDto) => act(() => api['sessions:delete']({ sessionId: s.id }));

  return {
    loaded,
    reload,
    sessions,
    datasets,
    base,
    draft,
    instrument,
    error: failure?.text ?? null,
    dismissError: () => setFailure(null),
    confirm,
    setConfirm,
    set,
    pickSymbol,
    create,
    duplicate,
    archive,
    remove,
  };
}

export type SessionSetter = ReturnType<typeof useSessions>['set'];
