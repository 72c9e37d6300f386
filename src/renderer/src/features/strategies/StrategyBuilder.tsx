import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { TIMEFRAMES } from '../../../../shared/timeframes';
import type { ChartTheme } from '../../shared/theme';
import { BacktestReport } from './BacktestReport';
import { connectionProblem, disconnect, graphEdges, PALETTE, removeNode } from './graph-model';
import { NodeInspector } from './NodeInspector';
import { ParamsPanel } from './ParamsPanel';
import { type StrategyFlowNode, StrategyNodeCard } from './StrategyNodeCard';
import { type Builder, type BuilderTarget, useBuilder } from './use-builder';

const NODE_TYPES = { strategy: StrategyNodeCard };
const DRAG_TYPE = 'application/x-tickstep-node';
const FIT = { padding: 0.2, maxZoom: 1 };

function Palette({ b }: { b: Builder }) {
  return (
    <nav className="card palette" aria-label="Palette">
      <p className="hint">Click to add, or drag onto the canvas.</p>
      {PALETTE.map((group) => (
        <div key={group.group} className="palette-group">
          <h3>{group.group}</h3>
          {group.items.map((item) => (
            <button
              key={item.label}
              type="button"
              draggable
              className={`palette-item group-${group.group.toLowerCase()}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, item.label);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => b.add(item)}
            >
              {item.label}
            </button>
          ))}
        </div>
      ))}
    </nav>
  );
}

/** The canvas: the graph's nodes and their connections, kept in step with the builder's doc. */
function Canvas({ b, theme }: { b: Builder; theme: ChartTheme }) {
  const flow = useReactFlow();
  const { graph, positions } = b.doc;
  const byNode = useMemo(() => {
    const map = new Map<string, typeof b.issues>();
    for (const issue of b.issues) {
      if (issue.nodeId !== null) map.set(issue.nodeId, [...(map.get(issue.nodeId) ?? []), issue]);
    }
    return map;
  }, [b.issues]);
  const [nodes, setNodes] = useState<StrategyFlowNode[]>([]);
  // An opened graph is fitted to the canvas; a new one starts at the top left, where nodes land.
  const fitOnOpen = useRef(graph.nodes.length > 0);
  const { fitView } = flow;
  useEffect(() => {
    if (b.layoutCount > 0) requestAnimationFrame(() => void fitView(FIT));
  }, [b.layoutCount, fitView]);
  const [edges, setEdges] = useState<Edge[]>([]);

  // Rebuilt from the doc on every change; measured sizes are carried over so nodes stay visible.
  useEffect(() => {
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return graph.nodes.map((node) => ({
        id: node.id,
        type: 'strategy' as const,
        position: positions[node.id] ?? { x: 0, y: 0 },
        data: { node, issues: byNode.get(node.id) ?? [] },
        selected: node.id === b.selected,
        ...(old.get(node.id)?.measured ? { measured: old.get(node.id)!.measured } : {}),
      }));
    });
  }, [graph, positions, byNode, b.selected]);
  useEffect(() => {
    setEdges((prev) => {
      const chosen = new Set(prev.filter((e) => e.selected).map((e) => e.id));
      return graphEdges(graph).map((e) => ({
        ...e,
        sourceHandle: 'out',
        selected: chosen.has(e.id),
        className: 'strategy-edge',
      }));
    });
  }, [graph]);

  const onNodesChange = (changes: NodeChange<StrategyFlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    const moved: Record<string, { x: number; y: number }> = {};
    for (const c of changes) {
      if (c.type === 'position' && c.position) moved[c.id] = c.position;
      if (c.type === 'select' && c.selected) b.setSelected(c.id);
    }
    if (Object.keys(moved).length) b.moveNodes(moved);
  };
  const onEdgesChange = (changes: EdgeChange[]) =>
    setEdges((es) =>
      applyEdgeChanges(
        changes.filter((c) => c.type !== 'remove'),
        es,
      ),
    );

  const onDrop = (e: DragEvent) => {
    const label = e.dataTransfer.getData(DRAG_TYPE);
    const item = PALETTE.flatMap((g) => g.items).find((i) => i.label === label);
    if (!item) return;
    e.preventDefault();
    b.add(item, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the palette's drag; clicking a palette item adds the same node
    <div
      className="canvas"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
      }}
      onDrop={onDrop}
    >
      <ReactFlow<StrategyFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        colorMode={theme}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={b.dragStart}
        onNodeDragStop={b.dragStop}
        onPaneClick={() => b.setSelected(null)}
        isValidConnection={(c: Connection | Edge) =>
          connectionProblem(graph, c.source, c.target, c.targetHandle ?? '') === null
        }
        onConnect={(c) => b.link(c.source, c.target, c.targetHandle ?? '')}
        onDelete={({ nodes: gone, edges: cut }) =>
          b.change((d) => {
            let next = d;
            for (const e of cut)
              next = { ...next, graph: disconnect(next.graph, e.target, e.targetHandle ?? '') };
            for (const n of gone) next = removeNode(next, n.id);
            return next;
          })
        }
        fitView={fitOnOpen.current}
        fitViewOptions={FIT}
        defaultViewport={{ x: 24, y: 24, zoom: 1 }}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}

function Toolbar({ b, onBack }: { b: Builder; onBack: () => void }) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <section className="card builder-toolbar" aria-label="Builder toolbar">
      <button type="button" onClick={onBack}>
        ← Strategies
      </button>
      {b.strategy ? (
        <h1>
          {b.strategy.title}
          <span className="hint">
            {' '}
            {b.saved ? `version ${b.saved.number}` : ''}
            {b.dirty ? ' · unsaved changes' : ' · saved'}
          </span>
        </h1>
      ) : (
        <label>
          Title
          <input
            type="text"
            value={b.title}
            onChange={(e) => b.setTitle(e.target.value)}
            placeholder="SMA crossover"
          />
        </label>
      )}
      <label>
        Timeframe
        <select
          value={b.graph.timeframe}
          onChange={(e) => b.setTimeframe(e.target.value as (typeof TIMEFRAMES)[number])}
        >
          {TIMEFRAMES.map((tf) => (
            <option key={tf} value={tf}>
              {tf}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={b.undo} disabled={!b.canUndo} title="Ctrl+Z">
        Undo
      </button>
      <button type="button" onClick={b.redo} disabled={!b.canRedo} title="Ctrl+Shift+Z">
        Redo
      </button>
      <span className="spacer" />
      <button type="button" onClick={() => file.current?.click()}>
        Import file…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        aria-label="Strategy file"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void b.importFile(f);
        }}
      />
      <button type="button" onClick={b.exportVersion} disabled={!b.saved}>
        Export version{b.saved ? ` ${b.saved.number}` : ''}
      </button>
    </section>
  );
}

function SaveBar({ b }: { b: Builder }) {
  const blocked = b.issues.length > 0;
  const reason = blocked
    ? `Fix the ${b.issues.length === 1 ? 'problem' : `${b.issues.length} problems`} first`
    : !b.dirty
      ? 'No changes since the saved version'
      : !b.strategy && !b.title.trim()
        ? 'Give the strategy a title'
        : null;
  return (
    <form
      className="card save-bar"
      aria-label="Save version"
      onSubmit={(e) => {
        e.preventDefault();
        void b.save();
      }}
    >
      <label>
        Version notes
        <input
          type="text"
          value={b.notes}
          maxLength={20_000}
          onChange={(e) => b.setNotes(e.target.value)}
          placeholder="What changed"
        />
      </label>
      <button type="submit" className="primary" disabled={b.busy || reason !== null}>
        {b.strategy ? 'Save as new version' : 'Save strategy'}
      </button>
      {reason && <span className="hint">{reason}</span>}
    </form>
  );
}

function Problems({ b }: { b: Builder }) {
  if (b.issues.length === 0) return <p className="hint problems-none">No problems: the rules compile.</p>;
  return (
    <section className="card problems" aria-label="Problems">
      <h2>Problems ({b.issues.length})</h2>
      <ul>
        {b.issues.map((i) => (
          <li key={`${i.nodeId}:${i.message}`}>
            {i.nodeId ? (
              <button type="button" className="link" onClick={() => b.setSelected(i.nodeId)}>
                {i.nodeId}
              </button>
            ) : (
              <strong>graph</strong>
            )}{' '}
            {i.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BacktestPanel({ b }: { b: Builder }) {
  const { form, run, progress } = b;
  const working = run !== null && (run.status === 'queued' || run.status === 'running');
  const why = !b.saved
    ? 'Save the strategy first: a run tests a saved version.'
    : b.dirty
      ? `Unsaved changes: the run tests version ${b.saved.number} as saved.`
      : null;
  return (
    <section className="card backtest-panel" aria-label="Backtest">
      <h2>Backtest</h2>
      {!form ? (
        <p className="hint">Import candle data first: a backtest replays your own data.</p>
      ) : (
        <form
          className="backtest-form"
          onSubmit={(e) => {
            e.preventDefault();
            void b.startBacktest();
          }}
        >
          <label>
            Instrument
            <select value={form.symbol} onChange={(e) => b.pickSymbol(e.target.value)}>
              {[...new Set(b.datasets.map((d) => d.symbol))].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            From (UTC)
            <input
              type="datetime-local"
              value={form.from}
              onChange={(e) => b.setForm({ ...form, from: e.target.value })}
            />
          </label>
          <label>
            To (UTC)
            <input
              type="datetime-local"
              value={form.to}
              onChange={(e) => b.setForm({ ...form, to: e.target.value })}
            />
          </label>
          <label>
            Balance
            <input
              type="number"
              min={1}
              step="any"
              value={form.balance}
              onChange={(e) => b.setForm({ ...form, balance: Number(e.target.value) })}
            />
          </label>
          <button type="submit" className="primary" disabled={!b.saved || working}>
            Run backtest
          </button>
          {working && (
            <button type="button" onClick={() => void b.cancelBacktest()}>
              Cancel
            </button>
          )}
          {why && <span className="hint">{why}</span>}
        </form>
      )}
      {run && (working || !run.report) && (
        <div className="backtest-progress">
          <progress max={100} value={progress?.percent ?? run.progress} aria-label="Backtest progress" />
          <span role="status">
            {progress?.status ?? run.status} · {Math.round(progress?.percent ?? run.progress)} %
            {progress && progress.barsPerSecond > 0
              ? ` · ${Math.round(progress.barsPerSecond).toLocaleString('en-US')} bars/s`
              : ''}
            {progress?.etaSeconds != null && working ? ` · ${Math.ceil(progress.etaSeconds)} s left` : ''}
          </span>
        </div>
      )}
    </section>
  );
}

/** The visual builder of one strategy: palette, canvas or JSON, node settings, parameters, save, run. */
export function StrategyBuilder({
  target,
  theme,
  onBack,
}: {
  target: BuilderTarget;
  theme: ChartTheme;
  onBack: (savedStrategyId: string | null) => void;
}) {
  const savedId = useRef<string | null>(null);
  const b = useBuilder(target, (id) => {
    savedId.current = id;
  });
  const [view, setView] = useState<'canvas' | 'json'>('canvas');
  const node = b.graph.nodes.find((n) => n.id === b.selected) ?? null;
  return (
    <div className="page builder-page">
      <Toolbar b={b} onBack={() => onBack(savedId.current ?? b.strategy?.id ?? null)} />
      {b.message && (
        <p className="result" role="status">
          {b.message}
        </p>
      )}
      {b.error && (
        <p className="error" role="alert">
          {b.error}
        </p>
      )}
      {b.importErrors.length > 0 && (
        <ul className="error import-errors" role="alert" aria-label="Import errors">
          <li>The file was not imported:</li>
          {b.importErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <div className="builder">
        <Palette b={b} />
        <div className="builder-main">
          <div className="view-switch">
            <button type="button" aria-pressed={view === 'canvas'} onClick={() => setView('canvas')}>
              Canvas
            </button>
            <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
              JSON
            </button>
          </div>
          {view === 'canvas' ? (
            <ReactFlowProvider>
              <Canvas b={b} theme={theme} />
            </ReactFlowProvider>
          ) : (
            <textarea
              className="graph-json"
              aria-label="Graph JSON"
              readOnly
              spellCheck={false}
              value={JSON.stringify(b.graph, null, 2)}
            />
          )}
          <Problems b={b} />
          <SaveBar b={b} />
        </div>
        <div className="builder-side">
          {node ? (
            <NodeInspector key={node.id} b={b} node={node} />
          ) : (
            <section className="card node-inspector" aria-label="Node settings">
              <p className="hint">Select a node to edit its settings and inputs.</p>
            </section>
          )}
          <ParamsPanel b={b} />
        </div>
      </div>
      <BacktestPanel b={b} />
      {b.run?.report && <BacktestReport run={b.run} />}
    </div>
  );
}
