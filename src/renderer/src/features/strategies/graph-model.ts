import type {
  GraphIndicator,
  GraphNode,
  GraphNodeType,
  NumberOrParam,
  StrategyGraph,
} from '../../../../core/strategy/graph';
import { nodeInputs, nodeKind, type ValueKind } from '../../../../core/strategy/validate';
import { strategyGraphSchema } from '../../../../shared/contract/strategy-graph';

/**
 * The builder's model of a graph, apart from React: what the palette adds, which inputs a node
 * has (its handles on the canvas), connecting and disconnecting them with their checks, and the
 * validation issues mapped back onto the node they point at. A draft may be incomplete (an input
 * not connected yet is the empty id); the schema then reports it on that node.
 */

export type Positions = Record<string, { x: number; y: number }>;

/** What the builder edits: the graph (what a version stores) and where each node sits. */
export interface BuilderDoc {
  graph: StrategyGraph;
  positions: Positions;
}

export interface PaletteItem {
  label: string;
  /** The id prefix of new nodes (`sma` → sma1, sma2…). */
  prefix: string;
  make(id: string): GraphNode;
}

const indicator =
  (ind: GraphIndicator) =>
  (id: string): GraphNode => ({ id, type: 'indicator', indicator: ind });

/** Every node type of the graph schema, with the defaults a new node starts from. */
export const PALETTE: { group: 'Sources' | 'Operators' | 'Actions'; items: PaletteItem[] }[] = [
  {
    group: 'Sources',
    items: [
      { label: 'Price', prefix: 'price', make: (id) => ({ id, type: 'price', field: 'close' }) },
      { label: 'SMA', prefix: 'sma', make: indicator({ kind: 'sma', period: 20 }) },
      { label: 'EMA', prefix: 'ema', make: indicator({ kind: 'ema', period: 20 }) },
      { label: 'RSI', prefix: 'rsi', make: indicator({ kind: 'rsi', period: 14 }) },
      { label: 'ATR', prefix: 'atr', make: indicator({ kind: 'atr', period: 14 }) },
      { label: 'VWAP', prefix: 'vwap', make: indicator({ kind: 'vwap', anchor: 'day' }) },
      {
        label: 'Bollinger',
        prefix: 'bollinger',
        make: (id) => ({
          id,
          type: 'indicator',
          indicator: { kind: 'bollinger', period: 20, multiplier: 2 },
          line: 'upper',
        }),
      },
      {
        label: 'MACD',
        prefix: 'macd',
        make: (id) => ({
          id,
          type: 'indicator',
          indicator: { kind: 'macd', fast: 12, slow: 26, signal: 9 },
          line: 'macd',
        }),
      },
      { label: 'Constant', prefix: 'constant', make: (id) => ({ id, type: 'constant', value: 0 }) },
      { label: 'Time of day', prefix: 'time', make: (id) => ({ id, type: 'time-of-day' }) },
      { label: 'Weekday', prefix: 'weekday', make: (id) => ({ id, type: 'weekday' }) },
      { label: 'Session', prefix: 'session', make: (id) => ({ id, type: 'session', window: 'london' }) },
      { label: 'Position', prefix: 'position', make: (id) => ({ id, type: 'position', field: 'side' }) },
    ],
  },
  {
    group: 'Operators',
    items: [
      {
        label: 'Compare',
        prefix: 'compare',
        make: (id) => ({ id, type: 'compare', op: '>', left: '', right: '' }),
      },
      {
        label: 'Crosses above',
        prefix: 'crossUp',
        make: (id) => ({ id, type: 'crosses-above', left: '', right: '' }),
      },
      {
        label: 'Crosses below',
        prefix: 'crossDown',
        make: (id) => ({ id, type: 'crosses-below', left: '', right: '' }),
      },
      { label: 'And', prefix: 'and', make: (id) => ({ id, type: 'and', inputs: [] }) },
      { label: 'Or', prefix: 'or', make: (id) => ({ id, type: 'or', inputs: [] }) },
      { label: 'Not', prefix: 'not', make: (id) => ({ id, type: 'not', input: '' }) },
      { label: 'Rising', prefix: 'rising', make: (id) => ({ id, type: 'rising', input: '', bars: 3 }) },
      { label: 'Falling', prefix: 'falling', make: (id) => ({ id, type: 'falling', input: '', bars: 3 }) },
      { label: 'Highest', prefix: 'highest', make: (id) => ({ id, type: 'highest', input: '', bars: 20 }) },
      { label: 'Lowest', prefix: 'lowest', make: (id) => ({ id, type: 'lowest', input: '', bars: 20 }) },
    ],
  },
  {
    group: 'Actions',
    items: [
      {
        label: 'Enter long',
        prefix: 'buy',
        make: (id) => ({
          id,
          type: 'enter',
          side: 'long',
          when: '',
          order: { type: 'market' },
          size: { lots: 0.1 },
        }),
      },
      {
        label: 'Enter short',
        prefix: 'sell',
        make: (id) => ({
          id,
          type: 'enter',
          side: 'short',
          when: '',
          order: { type: 'market' },
          size: { lots: 0.1 },
        }),
      },
      { label: 'Exit', prefix: 'exit', make: (id) => ({ id, type: 'exit', when: '', side: 'both' }) },
      { label: 'Time stop', prefix: 'timeStop', make: (id) => ({ id, type: 'time-stop', bars: 48 }) },
    ],
  },
];

/** Words for a node type, as the canvas titles it. */
export const TYPE_LABELS: Record<GraphNodeType, string> = {
  price: 'Price',
  indicator: 'Indicator',
  constant: 'Constant',
  'time-of-day': 'Time of day',
  weekday: 'Weekday',
  session: 'Session',
  position: 'Position',
  compare: 'Compare',
  'crosses-above': 'Crosses above',
  'crosses-below': 'Crosses below',
  and: 'And',
  or: 'Or',
  not: 'Not',
  rising: 'Rising',
  falling: 'Falling',
  highest: 'Highest',
  lowest: 'Lowest',
  enter: 'Enter',
  exit: 'Exit',
  'time-stop': 'Time stop',
};

/** One input of a node: the handle's id is the field path joined by dots (`inputs.1`). */
export interface InputSlot {
  handle: string;
  label: string;
  kind: ValueKind;
  /** The connected node id, '' when none. */
  id: string;
}

/**
 * The inputs a node shows. And/or show one free slot after their inputs, so a new input can be
 * connected; an enter node shows a price input only where a level is set "at a node's price".
 */
export function inputSlots(node: GraphNode): InputSlot[] {
  const slots: InputSlot[] = nodeInputs(node).map((i) => ({
    handle: i.field.join('.'),
    label: i.field.join(' '),
    kind: i.kind,
    id: i.id,
  }));
  if (node.type === 'and' || node.type === 'or') {
    slots.push({ handle: `inputs.${node.inputs.length}`, label: 'add input', kind: 'boolean', id: '' });
  }
  return slots;
}

export function outputKind(node: GraphNode): ValueKind {
  return nodeKind(node);
}

export interface BuilderEdge {
  id: string;
  source: string;
  target: string;
  targetHandle: string;
}

/** Every connected input as an edge (inputs naming no existing node are issues, not edges). */
export function graphEdges(graph: StrategyGraph): BuilderEdge[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edges: BuilderEdge[] = [];
  for (const node of graph.nodes) {
    for (const slot of inputSlots(node)) {
      if (slot.id && ids.has(slot.id)) {
        edges.push({
          id: `${slot.id}->${node.id}:${slot.handle}`,
          source: slot.id,
          target: node.id,
          targetHandle: slot.handle,
        });
      }
    }
  }
  return edges;
}

/** A fresh id for a node: the prefix and the first free number. */
export function freshId(graph: StrategyGraph, prefix: string): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Whether `from` reads `to`, directly or through other nodes. */
function dependsOn(graph: StrategyGraph, from: string, to: string): boolean {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    if (node) for (const i of nodeInputs(node)) stack.push(i.id);
  }
  return false;
}

function setAt(node: GraphNode, path: (string | number)[], value: unknown): GraphNode {
  const copy = structuredClone(node) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy as unknown as GraphNode;
}

/** Node `id` with the field at `path` set to `value`, or removed when `value` is undefined. */
export function setField(
  graph: StrategyGraph,
  id: string,
  path: (string | number)[],
  value: unknown,
): StrategyGraph {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return graph;
  const copy = structuredClone(node) as unknown as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (at[key] === undefined || at[key] === null || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return replaceNode(graph, id, copy as unknown as GraphNode);
}

/** Every `{ param: from }` in the nodes renamed (or, with a number, fixed at that value). */
export function replaceParam(graph: StrategyGraph, from: string, to: string | number): StrategyGraph {
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(walk);
    if ('param' in value && (value as { param: unknown }).param === from) {
      return typeof to === 'number' ? to : { param: to };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return { ...graph, nodes: graph.nodes.map((n) => walk(n) as GraphNode) };
}

/** The graph with `node` replaced (same index). */
export function replaceNode(graph: StrategyGraph, id: string, node: GraphNode): StrategyGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? node : n)) };
}

/**
 * Why `source` may not feed `target`'s input `handle`, or null when it may: the value kinds must
 * match (a number into a number input, true/false into a condition) and no loop may form.
 */
export function connectionProblem(
  graph: StrategyGraph,
  source: string,
  target: string,
  handle: string,
): string | null {
  const from = graph.nodes.find((n) => n.id === source);
  const to = graph.nodes.find((n) => n.id === target);
  if (!from || !to) return 'both ends must be nodes';
  const slot = inputSlots(to).find((s) => s.handle === handle);
  if (!slot) return `node "${target}" has no input ${handle}`;
  const kind = nodeKind(from);
  if (kind === 'action') return `"${source}" is an action: it has no value to read`;
  if (kind !== slot.kind) {
    const words = (k: ValueKind) => (k === 'number' ? 'a number' : 'a true/false value');
    return `${target} ${slot.label} needs ${words(slot.kind)}; "${source}" gives ${words(kind)}`;
  }
  if (source === target || dependsOn(graph, source, target)) {
    return `connecting "${source}" to "${target}" would make a loop`;
  }
  return null;
}

/** The graph with `target`'s input `handle` reading `source`; an error when it may not. */
export function connect(
  graph: StrategyGraph,
  source: string,
  target: string,
  handle: string,
): { graph: StrategyGraph } | { error: string } {
  const problem = connectionProblem(graph, source, target, handle);
  if (problem) return { error: problem };
  const node = graph.nodes.find((n) => n.id === target)!;
  const path = handle.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return { graph: replaceNode(graph, target, setAt(node, path, source)) };
}

/** The graph with `target`'s input `handle` empty (an and/or input is removed from its list). */
export function disconnect(graph: StrategyGraph, target: string, handle: string): StrategyGraph {
  const node = graph.nodes.find((n) => n.id === target);
  if (!node) return graph;
  const path = handle.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if ((node.type === 'and' || node.type === 'or') && path[0] === 'inputs') {
    return replaceNode(graph, target, { ...node, inputs: node.inputs.filter((_, i) => i !== path[1]) });
  }
  return replaceNode(graph, target, setAt(node, path, ''));
}

/** Replaces every reference to `from` in the inputs of other nodes by `to` ('' disconnects). */
function retarget(graph: StrategyGraph, from: string, to: string): StrategyGraph {
  let next = graph;
  for (const node of graph.nodes) {
    for (const slot of inputSlots(node)) {
      if (slot.id !== from || !slot.id) continue;
      const current = next.nodes.find((n) => n.id === node.id)!;
      if (to === '') next = disconnect(next, node.id, slot.handle);
      else {
        const path = slot.handle.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        next = replaceNode(next, node.id, setAt(current, path, to));
      }
    }
  }
  return next;
}

/** The doc without node `id`; inputs that read it become unconnected. */
export function removeNode(doc: BuilderDoc, id: string): BuilderDoc {
  const graph = retarget(doc.graph, id, '');
  const positions = { ...doc.positions };
  delete positions[id];
  return { graph: { ...graph, nodes: graph.nodes.filter((n) => n.id !== id) }, positions };
}

/** Why `to` cannot be node `from`'s new id, or null. */
export function renameProblem(graph: StrategyGraph, from: string, to: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(to)) {
    return 'an id is a letter or _ then letters, digits, _ or -, at most 64';
  }
  if (to !== from && graph.nodes.some((n) => n.id === to)) return `a node "${to}" exists already`;
  return null;
}

/** The doc with node `from` called `to`, every reference to it following. */
export function renameNode(doc: BuilderDoc, from: string, to: string): BuilderDoc {
  const graph = retarget(doc.graph, from, to);
  const positions = { ...doc.positions };
  if (positions[from]) {
    positions[to] = positions[from];
    delete positions[from];
  }
  return {
    graph: { ...graph, nodes: graph.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)) },
    positions,
  };
}

/** The doc with a palette item's node added at `at` (or below the others). */
export function addNode(
  doc: BuilderDoc,
  item: PaletteItem,
  at?: { x: number; y: number },
): { doc: BuilderDoc; id: string } {
  const id = freshId(doc.graph, item.prefix);
  const node = item.make(id);
  const column = nodeKind(node) === 'action' ? 2 : nodeKind(node) === 'boolean' ? 1 : 0;
  const inColumn = Object.entries(doc.positions).filter(
    ([, p]) => Math.abs(p.x - column * COLUMN_WIDTH) < COLUMN_WIDTH / 2,
  ).length;
  const position = at ?? { x: column * COLUMN_WIDTH, y: inColumn * ROW_HEIGHT };
  return {
    doc: {
      graph: { ...doc.graph, nodes: [...doc.graph.nodes, node] },
      positions: { ...doc.positions, [id]: position },
    },
    id,
  };
}

const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 150;

/** Columns by depth (sources left, actions right), rows in graph order: for graphs without positions. */
export function autoLayout(graph: StrategyGraph): Positions {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const depthOf = (node: GraphNode, seen: Set<string>): number => {
    const known = depth.get(node.id);
    if (known !== undefined) return known;
    if (seen.has(node.id)) return 0;
    seen.add(node.id);
    let d = 0;
    for (const input of nodeInputs(node)) {
      const from = byId.get(input.id);
      if (from) d = Math.max(d, depthOf(from, seen) + 1);
    }
    depth.set(node.id, d);
    return d;
  };
  const rows = new Map<number, number>();
  const positions: Positions = {};
  for (const node of graph.nodes) {
    const d = depthOf(node, new Set());
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    positions[node.id] = { x: d * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  }
  return positions;
}

/** A new strategy's graph: nothing yet but the timeframe (the palette adds the rest). */
export function emptyGraph(): StrategyGraph {
  return { version: 1, timeframe: 'M15', params: [], nodes: [] };
}

export interface BuilderIssue {
  /** The node it points at; null for the graph (parameters, "needs an enter node"). */
  nodeId: string | null;
  /** The field inside the node or graph, dotted (`indicator.period`), '' for the whole. */
  field: string;
  message: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** The core prefixes its messages with `node "id" field: `; the builder shows the field itself. */
function bareMessage(message: string, nodeId: string, field: string): string {
  const prefix = `node "${nodeId}" ${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Every problem of the graph, each on the node its path points at (zod's shape issues and the
 * core's cross-node ones alike), as `field: message`. An input left empty reads "not connected".
 */
export function graphIssues(graph: StrategyGraph): BuilderIssue[] {
  const parsed = strategyGraphSchema.safeParse(graph);
  if (parsed.success) return [];
  const out: BuilderIssue[] = [];
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const path = issue.path;
    let nodeId: string | null = null;
    let fieldPath: PropertyKey[] = path;
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      nodeId = graph.nodes[path[1]]?.id ?? null;
      fieldPath = path.slice(2);
    }
    const field = fieldPath.map(String).join('.');
    let message = nodeId === null ? issue.message : bareMessage(issue.message, nodeId, field);
    if (nodeId !== null && valueAt(graph, path) === '') message = 'not connected';
    const text = field && !message.startsWith(field) ? `${field}: ${message}` : message;
    const key = `${nodeId}|${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ nodeId, field, message: text });
  }
  return out;
}

/** A number field's value when fixed, or the parameter's name. */
export function describeNumber(n: NumberOrParam | undefined): string {
  if (n === undefined) return '';
  return typeof n === 'number' ? String(n) : `{${n.param}}`;
}

/** One line saying what a node computes, shown on its card. */
export function nodeSummary(node: GraphNode): string {
  const d = describeNumber;
  switch (node.type) {
    case 'price':
      return node.offset ? `${node.field}, ${node.offset} bars back` : node.field;
    case 'indicator': {
      const ind = node.indicator;
      const line = node.line ? ` ${node.line}` : '';
      switch (ind.kind) {
        case 'sma':
        case 'ema':
        case 'rsi':
          return `${ind.kind.toUpperCase()}(${d(ind.period)})${ind.source ? ` of ${ind.source}` : ''}`;
        case 'atr':
          return `ATR(${d(ind.period)})`;
        case 'vwap':
          return `VWAP, ${ind.anchor === 'none' ? 'unanchored' : `each ${ind.anchor}`}`;
        case 'bollinger':
          return `Bollinger(${d(ind.period)}, ${d(ind.multiplier)})${line}`;
        case 'macd':
          return `MACD(${d(ind.fast)}, ${d(ind.slow)}, ${d(ind.signal)})${line}`;
      }
      return '';
    }
    case 'constant':
      return d(node.value);
    case 'time-of-day':
      return 'minutes after 00:00 UTC';
    case 'weekday':
      return '0 = Sunday (UTC)';
    case 'session':
      return node.window === 'custom' ? `${node.from ?? '?'}–${node.to ?? '?'} UTC` : node.window;
    case 'position':
      return node.field;
    case 'compare':
      return `left ${node.op} right`;
    case 'crosses-above':
    case 'crosses-below':
      return `left ${node.type === 'crosses-above' ? 'crosses above' : 'crosses below'} right`;
    case 'and':
    case 'or':
      return `${node.inputs.length} inputs`;
    case 'not':
      return 'not input';
    case 'rising':
    case 'falling':
      return `${node.type} for ${d(node.bars)} bars`;
    case 'highest':
    case 'lowest':
      return `${node.type} of ${d(node.bars)} bars`;
    case 'enter': {
      const size = 'lots' in node.size ? `${d(node.size.lots)} lots` : `${d(node.size.riskPct)} % risk`;
      return `${node.side}, ${node.order.type}, ${size}`;
    }
    case 'exit':
      return `close ${node.side ?? 'both'}`;
    case 'time-stop':
      return `after ${d(node.bars)} bars`;
  }
}

/** The names of every parameter a node field uses. */
export function usedParams(graph: StrategyGraph): Set<string> {
  const used = new Set<string>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    if ('param' in value && typeof (value as { param: unknown }).param === 'string') {
      used.add((value as { param: string }).param);
      return;
    }
    for (const v of Object.values(value)) walk(v);
  };
  for (const node of graph.nodes) walk(node);
  return used;
}

/** The file an exported version is written as. */
export interface StrategyFile {
  format: 'tickstep-strategy-version';
  title: string;
  version: number;
  notes: string;
  graph: StrategyGraph;
}

export function strategyFile(
  title: string,
  version: number,
  notes: string,
  graph: StrategyGraph,
): StrategyFile {
  return { format: 'tickstep-strategy-version', title, version, notes, graph };
}

/** A safe file name for an exported version: `sma-crossover-v2.json`. */
export function strategyFileName(slug: string, version: number): string {
  return `${slug.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'strategy'}-v${version}.json`;
}

export type ImportResult =
  | { ok: true; graph: StrategyGraph; title: string | null; notes: string }
  | { ok: false; errors: string[] };

/**
 * Reads an imported file: an exported version, `{ graph }`, or a bare graph. Each problem names
 * the node (by id and position) and the field, as the schema and the core's checks find them.
 */
export function readStrategyFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, errors: ['the file must hold a JSON object: a graph or an exported version'] };
  }
  const record = json as Record<string, unknown>;
  const raw = 'graph' in record ? record.graph : record;
  const parsed = strategyGraphSchema.safeParse(raw);
  if (!parsed.success) {
    const nodes = (raw as { nodes?: unknown })?.nodes;
    const errors = parsed.error.issues.map((issue) => {
      const path = issue.path;
      if (path[0] === 'nodes' && typeof path[1] === 'number') {
        const node = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | undefined) : undefined;
        const name =
          typeof node?.id === 'string' ? `node "${node.id}" (nodes[${path[1]}])` : `nodes[${path[1]}]`;
        const field = path.slice(2).map(String).join('.');
        const message =
          typeof node?.id === 'string' ? bareMessage(issue.message, node.id, field) : issue.message;
        return `${name}${field ? ` ${field}` : ''}: ${message}`;
      }
      return `${path.map(String).join('.') || 'graph'}: ${issue.message}`;
    });
    return { ok: false, errors };
  }
  return {
    ok: true,
    graph: parsed.data as StrategyGraph,
    title: typeof record.title === 'string' ? record.title : null,
    notes: typeof record.notes === 'string' ? record.notes : '',
  };
}
