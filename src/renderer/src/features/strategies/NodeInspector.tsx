import { type ReactElement, useEffect, useState } from 'react';
import type { GraphNode, NumberOrParam, StrategyGraph } from '../../../../core/strategy/graph';
import { connectionProblem, inputSlots, setField, TYPE_LABELS } from './graph-model';
import type { Builder } from './use-builder';

type Path = (string | number)[];

const NEW_PARAM = '\u0000new';

/** A parameter name made from the node id and the field, free in the graph. */
function paramName(graph: StrategyGraph, nodeId: string, label: string): string {
  const base =
    `${nodeId}${label.replace(/(^|\s)(\w)/g, (_, __, c: string) => c.toUpperCase())}`.replace(
      /[^A-Za-z0-9_]/g,
      '',
    ) || 'param';
  const safe = /^[A-Za-z_]/.test(base) ? base : `p${base}`;
  const taken = new Set(graph.params.map((p) => p.name));
  if (!taken.has(safe)) return safe;
  for (let i = 2; ; i++) if (!taken.has(`${safe}${i}`)) return `${safe}${i}`;
}

/**
 * A number field that may be a parameter: a number box, and a list to pick "fixed", one of the
 * graph's parameters, or a new parameter made from this field (which can then be optimised).
 */
function NumberOrParamField({
  b,
  node,
  path,
  label,
  value,
  optional = false,
}: {
  b: Builder;
  node: GraphNode;
  path: Path;
  label: string;
  value: NumberOrParam | undefined;
  optional?: boolean;
}) {
  const set = (v: unknown) => b.changeGraph((g) => setField(g, node.id, path, v));
  const param = value !== undefined && typeof value !== 'number' ? value.param : null;
  const current =
    param === null ? (value as number | undefined) : b.graph.params.find((p) => p.name === param)?.value;
  const makeParam = () =>
    b.changeGraph((g) => {
      const name = paramName(g, node.id, label);
      const start = typeof current === 'number' && Number.isFinite(current) ? current : 1;
      return {
        ...setField(g, node.id, path, { param: name }),
        params: [...g.params, { name, value: start }],
      };
    });
  return (
    <div className="number-or-param">
      {param === null ? (
        <label>
          {label}
          <input
            type="number"
            step="any"
            placeholder={optional ? 'none' : undefined}
            value={current === undefined || Number.isNaN(current) ? '' : current}
            onChange={(e) => {
              const text = e.target.value.trim();
              set(text === '' ? (optional ? undefined : Number.NaN) : Number(text));
            }}
          />
        </label>
      ) : (
        <div className="param-value">
          {label}
          <output aria-label={`${label} value`}>{current ?? '?'}</output>
        </div>
      )}
      <select
        aria-label={`${label} from`}
        value={param ?? ''}
        onChange={(e) => {
          const v = e.target.value;
          if (v === NEW_PARAM) makeParam();
          else if (v === '') set(current ?? (optional ? undefined : 0));
          else set({ param: v });
        }}
      >
        <option value="">fixed</option>
        {b.graph.params.map((p) => (
          <option key={p.name} value={p.name}>
            parameter {p.name}
          </option>
        ))}
        <option value={NEW_PARAM}>new parameter…</option>
      </select>
    </div>
  );
}

function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[] | readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => {
          const [v, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

const SOURCES = ['close', 'open', 'high', 'low', 'hl2', 'hlc3', 'ohlc4'] as const;

/** The fields of the node's own kind. */
function NodeFields({ b, node }: { b: Builder; node: GraphNode }) {
  const set = (path: Path, v: unknown) => b.changeGraph((g) => setField(g, node.id, path, v));
  const num = (path: Path, label: string, value: NumberOrParam | undefined, optional = false) => (
    <NumberOrParamField
      key={path.join('.')}
      b={b}
      node={node}
      path={path}
      label={label}
      value={value}
      optional={optional}
    />
  );
  switch (node.type) {
    case 'price':
      return (
        <>
          <Choice
            label="Field"
            value={node.field}
            options={['open', 'high', 'low', 'close', 'volume'] as const}
            onChange={(v) => set(['field'], v)}
          />
          <label>
            Bars back
            <input
              type="number"
              min={0}
              step={1}
              value={node.offset ?? 0}
              onChange={(e) => set(['offset'], e.target.value === '' ? undefined : Number(e.target.value))}
            />
          </label>
        </>
      );
    case 'indicator': {
      const ind = node.indicator;
      const source =
        ind.kind !== 'atr' && ind.kind !== 'vwap' ? (
          <Choice
            label="Source"
            value={ind.source ?? 'close'}
            options={SOURCES}
            onChange={(v) => set(['indicator', 'source'], v === 'close' ? undefined : v)}
          />
        ) : null;
      switch (ind.kind) {
        case 'sma':
        case 'ema':
        case 'rsi':
        case 'atr':
          return (
            <>
              {num(['indicator', 'period'], 'Period', ind.period)}
              {source}
            </>
          );
        case 'bollinger':
          return (
            <>
              {num(['indicator', 'period'], 'Period', ind.period)}
              {num(['indicator', 'multiplier'], 'Multiplier', ind.multiplier)}
              <Choice
                label="Line"
                value={(node.line ?? 'middle') as 'upper' | 'middle' | 'lower'}
                options={['upper', 'middle', 'lower'] as const}
                onChange={(v) => set(['line'], v)}
              />
              {source}
            </>
          );
        case 'macd':
          return (
            <>
              {num(['indicator', 'fast'], 'Fast', ind.fast)}
              {num(['indicator', 'slow'], 'Slow', ind.slow)}
              {num(['indicator', 'signal'], 'Signal', ind.signal)}
              <Choice
                label="Line"
                value={(node.line ?? 'macd') as 'macd' | 'signal' | 'histogram'}
                options={['macd', 'signal', 'histogram'] as const}
                onChange={(v) => set(['line'], v)}
              />
              {source}
            </>
          );
        case 'vwap':
          return (
            <Choice
              label="Anchor"
              value={ind.anchor}
              options={
                [
                  ['day', 'each day'],
                  ['week', 'each week'],
                  ['none', 'unanchored'],
                ] as const
              }
              onChange={(v) => set(['indicator', 'anchor'], v)}
            />
          );
      }
      return null;
    }
    case 'constant':
      return num(['value'], 'Value', node.value);
    case 'session':
      return (
        <>
          <Choice
            label="Window"
            value={node.window}
            options={
              [
                ['sydney', 'Sydney 21–06 UTC'],
                ['tokyo', 'Tokyo 00–09 UTC'],
                ['london', 'London 07–16 UTC'],
                ['new-york', 'New York 12–21 UTC'],
                ['custom', 'custom'],
              ] as const
            }
            onChange={(v) =>
              b.changeGraph((g) => {
                const withWindow = setField(g, node.id, ['window'], v);
                const from = setField(withWindow, node.id, ['from'], v === 'custom' ? '08:00' : undefined);
                return setField(from, node.id, ['to'], v === 'custom' ? '12:00' : undefined);
              })
            }
          />
          {node.window === 'custom' && (
            <>
              <label>
                From (UTC)
                <input type="text" value={node.from ?? ''} onChange={(e) => set(['from'], e.target.value)} />
              </label>
              <label>
                To (UTC)
                <input type="text" value={node.to ?? ''} onChange={(e) => set(['to'], e.target.value)} />
              </label>
            </>
          )}
        </>
      );
    case 'position':
      return (
        <Choice
          label="Field"
          value={node.field}
          options={['side', 'lots', 'bars-held', 'open-pnl-cents', 'open-pnl-pips', 'open-r'] as const}
          onChange={(v) => set(['field'], v)}
        />
      );
    case 'compare':
      return (
        <Choice
          label="Operator"
          value={node.op}
          options={['>', '>=', '<', '<=', '==', '!='] as const}
          onChange={(v) => set(['op'], v)}
        />
      );
    case 'rising':
    case 'falling':
    case 'highest':
    case 'lowest':
    case 'time-stop':
      return num(['bars'], 'Bars', node.bars);
    case 'exit':
      return (
        <Choice
          label="Closes"
          value={node.side ?? 'both'}
          options={['long', 'short', 'both'] as const}
          onChange={(v) => set(['side'], v)}
        />
      );
    case 'enter':
      return <EnterFields node={node} num={num} set={set} />;
    default:
      return null;
  }
}

type LevelMode = 'none' | 'pips' | 'price' | 'atr' | 'r';

function levelMode(level: object | undefined): LevelMode {
  if (!level) return 'none';
  if ('pips' in level) return 'pips';
  if ('price' in level) return 'price';
  if ('atr' in level) return 'atr';
  return 'r';
}

function EnterFields({
  node,
  num,
  set,
}: {
  node: Extract<GraphNode, { type: 'enter' }>;
  num: (path: Path, label: string, value: NumberOrParam | undefined, optional?: boolean) => ReactElement;
  set: (path: Path, v: unknown) => void;
}) {
  const level = (key: 'stopLoss' | 'takeProfit', label: string) => {
    const value = node[key];
    const mode = levelMode(value);
    const modes: [LevelMode, string][] = [
      ['none', 'none'],
      ['pips', 'pips from entry'],
      ['price', "a node's price"],
      ['atr', 'ATR multiple'],
    ];
    if (key === 'takeProfit') modes.push(['r', 'multiple of R']);
    const fresh: Record<LevelMode, unknown> = {
      none: undefined,
      pips: { pips: 20 },
      price: { price: '' },
      atr: { atr: 2, period: 14 },
      r: { r: 2 },
    };
    return (
      <fieldset>
        <legend>{label}</legend>
        <Choice label={`${label} as`} value={mode} options={modes} onChange={(m) => set([key], fresh[m])} />
        {value && 'pips' in value && num([key, 'pips'], `${label} pips`, value.pips)}
        {value && 'atr' in value && (
          <>
            {num([key, 'atr'], `${label} ATR multiple`, value.atr)}
            {num([key, 'period'], `${label} ATR period`, value.period, true)}
          </>
        )}
        {value && 'r' in value && num([key, 'r'], `${label} R`, value.r)}
      </fieldset>
    );
  };
  const lots = 'lots' in node.size;
  return (
    <>
      <Choice
        label="Side"
        value={node.side}
        options={['long', 'short'] as const}
        onChange={(v) => set(['side'], v)}
      />
      <fieldset>
        <legend>Order</legend>
        <Choice
          label="Order type"
          value={node.order.type}
          options={
            [
              ['market', 'market at the close'],
              ['limit', 'limit at an offset'],
              ['stop', 'stop at an offset'],
            ] as const
          }
          onChange={(v) => set(['order'], v === 'market' ? { type: 'market' } : { type: v, offsetPips: 5 })}
        />
        {node.order.type !== 'market' && (
          <>
            {num(['order', 'offsetPips'], 'Offset pips', node.order.offsetPips)}
            {num(['order', 'validBars'], 'Valid for bars', node.order.validBars, true)}
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>Size</legend>
        <Choice
          label="Size in"
          value={lots ? 'lots' : 'riskPct'}
          options={
            [
              ['lots', 'lots'],
              ['riskPct', '% of balance at risk'],
            ] as const
          }
          onChange={(v) => set(['size'], v === 'lots' ? { lots: 0.1 } : { riskPct: 1 })}
        />
        {'lots' in node.size
          ? num(['size', 'lots'], 'Lots', node.size.lots)
          : num(['size', 'riskPct'], 'Risk %', node.size.riskPct)}
      </fieldset>
      {level('stopLoss', 'Stop loss')}
      {level('takeProfit', 'Take profit')}
      <fieldset>
        <legend>Management</legend>
        {num(['trailingPips'], 'Trailing pips', node.trailingPips, true)}
        {num(['breakEvenAtR'], 'Break-even at R', node.breakEvenAtR, true)}
        <label className="check">
          <input
            type="checkbox"
            checked={node.partialClose !== undefined}
            onChange={(e) => set(['partialClose'], e.target.checked ? { atR: 1, fraction: 0.5 } : undefined)}
          />
          Partial close
        </label>
        {node.partialClose && (
          <>
            {num(['partialClose', 'atR'], 'Partial close at R', node.partialClose.atR)}
            {num(['partialClose', 'fraction'], 'Fraction closed', node.partialClose.fraction)}
          </>
        )}
      </fieldset>
    </>
  );
}

/** The selected node's id, inputs and fields; every edit is one undo step. */
export function NodeInspector({ b, node }: { b: Builder; node: GraphNode }) {
  const [id, setId] = useState(node.id);
  const [idError, setIdError] = useState<string | null>(null);
  useEffect(() => {
    setId(node.id);
    setIdError(null);
  }, [node.id]);
  const commitId = () => setIdError(b.rename(node.id, id.trim()));
  return (
    <section className="card node-inspector" aria-label="Node settings">
      <h2>
        {TYPE_LABELS[node.type]} <code>{node.id}</code>
      </h2>
      <label>
        Id
        <input
          type="text"
          value={id}
          onChange={(e) => setId(e.target.value)}
          onBlur={commitId}
          onKeyDown={(e) => e.key === 'Enter' && commitId()}
        />
      </label>
      {idError && <p className="error">{idError}</p>}
      {inputSlots(node).map((slot) => {
        const options = b.graph.nodes.filter(
          (n) => n.id === slot.id || connectionProblem(b.graph, n.id, node.id, slot.handle) === null,
        );
        return (
          <label key={slot.handle}>
            Input {slot.label}
            <select
              value={slot.id}
              onChange={(e) =>
                e.target.value ? b.link(e.target.value, node.id, slot.handle) : b.unlink(node.id, slot.handle)
              }
            >
              <option value="">(not connected)</option>
              {options.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.id}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <NodeFields b={b} node={node} />
      <button type="button" className="danger" onClick={() => b.remove(node.id)}>
        Delete node
      </button>
    </section>
  );
}
