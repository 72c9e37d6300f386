import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StrategyGraph } from '../../../../core/strategy/graph';
import type {
  BacktestProgressDto,
  BacktestRunDto,
  StrategyDetailDto,
  StrategyVersionDto,
} from '../../../../shared/contract/strategies';
import type { DatasetDto } from '../../../../shared/dto';
import { api, client } from '../../shared/contract-client';
import { errorMessage, formatTs } from '../../shared/format';
import {
  addNode,
  autoLayout,
  type BuilderDoc,
  connect,
  disconnect,
  emptyGraph,
  graphIssues,
  type PaletteItem,
  type Positions,
  readStrategyFile,
  removeNode,
  renameNode,
  renameProblem,
  strategyFile,
  strategyFileName,
} from './graph-model';

/** What the builder opens: an existing strategy at one of its versions, or a new one. */
export interface BuilderTarget {
  strategy: StrategyDetailDto | null;
  version: StrategyVersionDto | null;
}

interface History {
  past: BuilderDoc[];
  present: BuilderDoc;
  future: BuilderDoc[];
}

/** Undo reaches this many steps back. */
const HISTORY_LIMIT = 200;

export interface BacktestForm {
  symbol: string;
  /** datetime-local text, read as UTC. */
  from: string;
  to: string;
  balance: number;
}

function docOf(graph: StrategyGraph): BuilderDoc {
  return { graph, positions: autoLayout(graph) };
}

const localInput = (ts: number) => formatTs(ts).replace(' ', 'T');
const isoOf = (local: string) => `${local.length === 16 ? `${local}:00` : local}Z`;

/** Saves `text` as a file: the browser's download (Electron asks where with its save dialog). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The builder's state and contract calls: the graph being edited with undo and redo, its issues
 * (checked locally by the same schema main uses), the selection, saving a new version, import and
 * export of a version file, and backtests of the saved version with their progress and report.
 */
export function useBuilder(target: BuilderTarget, onSaved: (strategyId: string) => void) {
  const [strategy, setStrategy] = useState(target.strategy);
  const [saved, setSaved] = useState(target.version);
  const [history, setHistory] = useState<History>(() => ({
    past: [],
    present: docOf(target.version?.graph ?? emptyGraph()),
    future: [],
  }));
  const [selected, setSelected] = useState<string | null>(null);
  const [title, setTitle] = useState(target.strategy?.title ?? '');
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  /** Counts fresh layouts (an imported file) so the canvas fits them into view. */
  const [layoutCount, setLayoutCount] = useState(0);

  const doc = history.present;
  const graph = doc.graph;
  const issues = useMemo(() => graphIssues(graph), [graph]);
  const dirty = !saved || JSON.stringify(saved.graph) !== JSON.stringify(graph);

  /** An undoable change; a change that returns the same doc records nothing. */
  const change = useCallback((fn: (doc: BuilderDoc) => BuilderDoc) => {
    setHistory((h) => {
      const next = fn(h.present);
      if (next === h.present) return h;
      return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
    });
  }, []);
  const changeGraph = useCallback(
    (fn: (graph: StrategyGraph) => StrategyGraph) =>
      change((d) => {
        const next = fn(d.graph);
        return next === d.graph ? d : { ...d, graph: next };
      }),
    [change],
  );

  const undo = useCallback(
    () =>
      setHistory((h) =>
        h.past.length === 0
          ? h
          : { past: h.past.slice(0, -1), present: h.past.at(-1)!, future: [h.present, ...h.future] },
      ),
    [],
  );
  const redo = useCallback(
    () =>
      setHistory((h) =>
        h.future.length === 0
          ? h
          : { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) },
      ),
    [],
  );

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y on the canvas; text boxes keep their own undo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  /** Dragging moves nodes without history; the drag's start records one undo step. */
  const dragStartRef = useRef<BuilderDoc | null>(null);
  const moveNodes = useCallback((moved: Positions) => {
    setHistory((h) => ({ ...h, present: { ...h.present, positions: { ...h.present.positions, ...moved } } }));
  }, []);
  const dragStart = useCallback(() => {
    dragStartRef.current = history.present;
  }, [history.present]);
  const dragStop = useCallback(() => {
    const before = dragStartRef.current;
    dragStartRef.current = null;
    if (!before) return;
    setHistory((h) => ({ past: [...h.past, before].slice(-HISTORY_LIMIT), present: h.present, future: [] }));
  }, []);

  const add = (item: PaletteItem, at?: { x: number; y: number }) => {
    const { doc: next, id } = addNode(doc, item, at);
    change(() => next);
    setSelected(id);
  };

  const remove = (id: string) => {
    change((d) => removeNode(d, id));
    if (selected === id) setSelected(null);
  };

  const rename = (from: string, to: string): string | null => {
    if (from === to) return null;
    const problem = renameProblem(graph, from, to);
    if (problem) return problem;
    change((d) => renameNode(d, from, to));
    if (selected === from) setSelected(to);
    return null;
  };

  const link = (source: string, target: string, handle: string) => {
    const result = connect(graph, source, target, handle);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setError(null);
    changeGraph(() => result.graph);
  };

  const unlink = (target: string, handle: string) => changeGraph((g) => disconnect(g, target, handle));

  const setTimeframe = (timeframe: StrategyGraph['timeframe']) => changeGraph((g) => ({ ...g, timeframe }));

  const save = async () => {
    setError(null);
    setMessage(null);
    setBusy(true);
    try {
      if (!strategy) {
        const created = await api['strategies:create']({ title: title.trim(), graph, notes });
        setStrategy(created);
        setSaved(created.version);
        setMessage(`Saved "${created.title}" as version 1`);
        onSaved(created.id);
      } else {
        const version = await api['strategies:save-version']({ strategyId: strategy.id, graph, notes });
        setSaved(version);
        setStrategy({ ...strategy, latestVersion: version.number, latestVersionId: version.id });
        setMessage(`Saved version ${version.number}`);
        onSaved(strategy.id);
      }
      setNotes('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const exportVersion = () => {
    if (!strategy || !saved) return;
    const file = strategyFile(strategy.title, saved.number, saved.notes, saved.graph);
    download(strategyFileName(strategy.slug, saved.number), `${JSON.stringify(file, null, 2)}\n`);
    setMessage(`Exported version ${saved.number} as ${strategyFileName(strategy.slug, saved.number)}`);
  };

  const importFile = async (file: File) => {
    setMessage(null);
    setError(null);
    const result = readStrategyFile(await file.text());
    if (!result.ok) {
      setImportErrors(result.errors);
      return;
    }
    setImportErrors([]);
    change(() => docOf(result.graph));
    setLayoutCount((n) => n + 1);
    setSelected(null);
    if (!strategy && !title && result.title) setTitle(result.title);
    if (result.notes) setNotes(result.notes);
    setMessage(`Imported ${file.name}: save it to keep it as a new version`);
  };

  // ---------------------------------------------------------------- backtests

  const [datasets, setDatasets] = useState<DatasetDto[]>([]);
  const [form, setForm] = useState<BacktestForm | null>(null);
  const [run, setRun] = useState<BacktestRunDto | null>(null);
  const [progress, setProgress] = useState<BacktestProgressDto | null>(null);

  useEffect(() => {
    let live = true;
    api['datasets:list']({}).then(
      (all) => {
        if (!live) return;
        const active = all.filter((d) => d.isActive && d.timeframe !== 'TICK');
        setDatasets(active);
        const first = active[0];
        if (first)
          setForm(
            (f) =>
              f ?? {
                symbol: first.symbol,
                from: localInput(first.startTs),
                to: localInput(first.endTs),
                balance: 10_000,
              },
          );
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const pickSymbol = (symbol: string) => {
    const d = datasets.find((x) => x.symbol === symbol);
    setForm((f) =>
      f && d
        ? { ...f, symbol, from: localInput(d.startTs), to: localInput(d.endTs) }
        : f
          ? { ...f, symbol }
          : f,
    );
  };

  // One listener from the start: a short run can end before its id is known here, so the last
  // progress of every run is kept and read again once `backtests:start` answers.
  const runIdRef = useRef<string | null>(null);
  const lastProgress = useRef(new Map<string, BacktestProgressDto>());
  const onProgress = useCallback((p: BacktestProgressDto) => {
    setProgress(p);
    if (p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled') {
      api['backtests:get']({ runId: p.runId }).then(
        (r) => runIdRef.current === r.id && setRun(r),
        (e) => setError(errorMessage(e)),
      );
    }
  }, []);
  useEffect(
    () =>
      client.on('backtests:progress', (p) => {
        lastProgress.current.set(p.runId, p);
        if (p.runId === runIdRef.current) onProgress(p);
      }),
    [onProgress],
  );

  const startBacktest = async () => {
    if (!form || !saved) return;
    setError(null);
    setProgress(null);
    try {
      const started = await api['backtests:start']({
        versionId: saved.id,
        symbol: form.symbol,
        from: isoOf(form.from),
        to: isoOf(form.to),
        parameters: { balance: form.balance },
      });
      runIdRef.current = started.id;
      setRun(started);
      const seen = lastProgress.current.get(started.id);
      if (seen) onProgress(seen);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const cancelBacktest = async () => {
    if (!run) return;
    try {
      setRun(await api['backtests:cancel']({ runId: run.id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return {
    strategy,
    saved,
    doc,
    graph,
    issues,
    dirty,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    undo,
    redo,
    change,
    changeGraph,
    moveNodes,
    layoutCount,
    dragStart,
    dragStop,
    selected,
    setSelected,
    add,
    remove,
    rename,
    link,
    unlink,
    setTimeframe,
    title,
    setTitle,
    notes,
    setNotes,
    save,
    busy,
    message,
    error,
    setError,
    exportVersion,
    importFile,
    importErrors,
    datasets,
    form,
    setForm,
    pickSymbol,
    run,
    progress,
    startBacktest,
    cancelBacktest,
  };
}

export type Builder = ReturnType<typeof useBuilder>;
