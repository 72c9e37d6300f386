import { useEffect, useState } from 'react';
import type { StrategyParam } from '../../../../core/strategy/graph';
import { replaceParam, usedParams } from './graph-model';
import type { Builder } from './use-builder';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function ParamRow({
  b,
  param,
  index,
  used,
}: {
  b: Builder;
  param: StrategyParam;
  index: number;
  used: boolean;
}) {
  const [name, setName] = useState(param.name);
  const [nameError, setNameError] = useState<string | null>(null);
  useEffect(() => setName(param.name), [param.name]);
  const update = (next: StrategyParam) =>
    b.changeGraph((g) => ({ ...g, params: g.params.map((p, i) => (i === index ? next : p)) }));
  const commitName = () => {
    const to = name.trim();
    if (to === param.name) return;
    if (!NAME.test(to)) return setNameError('a name is a letter or _ then letters, digits or _');
    if (b.graph.params.some((p) => p.name === to)) return setNameError(`"${to}" exists already`);
    setNameError(null);
    b.changeGraph((g) => ({
      ...replaceParam(g, param.name, to),
      params: g.params.map((p, i) => (i === index ? { ...p, name: to } : p)),
    }));
  };
  const numberBox = (label: string, value: number, set: (v: number) => void) => (
    <label className="param-number">
      {label}
      <input
        type="number"
        step="any"
        aria-label={`${param.name} ${label}`}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => set(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
      />
    </label>
  );
  const range = param.optimise;
  return (
    <li className="param" aria-label={`Parameter ${param.name}`}>
      <div className="param-row">
        <label className="param-name">
          name
          <input
            type="text"
            aria-label={`${param.name} name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={commitName}
            onKeyDown={(e) => e.key === 'Enter' && commitName()}
          />
        </label>
        {numberBox('value', param.value, (value) => update({ ...param, value }))}
        <label className="param-check">
          <input
            type="checkbox"
            aria-label={`${param.name} optimisable`}
            checked={range !== undefined}
            onChange={(e) => {
              const { optimise: _, ...rest } = param;
              update(
                e.target.checked
                  ? {
                      ...rest,
                      optimise: {
                        min: param.value,
                        max: param.value * 2 || 1,
                        step: Math.max(1, Math.round(param.value / 4)),
                      },
                    }
                  : rest,
              );
            }}
          />
          optimise
        </label>
        <button
          type="button"
          aria-label={`Remove parameter ${param.name}`}
          title={used ? 'Fields using it keep its value as a fixed number' : undefined}
          onClick={() =>
            b.changeGraph((g) => ({
              ...replaceParam(g, param.name, param.value),
              params: g.params.filter((_, i) => i !== index),
            }))
          }
        >
          Remove
        </button>
      </div>
      {nameError && <div className="error">{nameError}</div>}
      {range && (
        <div className="param-row param-range">
          {numberBox('min', range.min, (min) => update({ ...param, optimise: { ...range, min } }))}
          {numberBox('max', range.max, (max) => update({ ...param, optimise: { ...range, max } }))}
          {numberBox('step', range.step, (step) => update({ ...param, optimise: { ...range, step } }))}
        </div>
      )}
    </li>
  );
}

/**
 * The graph's parameters: value, and for an optimisable one the range an optimiser searches
 * (min, max, step; the value must lie inside). A field becomes a parameter from its own list.
 */
export function ParamsPanel({ b }: { b: Builder }) {
  const used = usedParams(b.graph);
  return (
    <section className="card params-panel" aria-label="Parameters">
      <h2>Parameters</h2>
      {b.graph.params.length === 0 ? (
        <p className="hint">
          None yet. Pick "new parameter…" beside a number of a node to make it tunable, then tick Optimise to
          give it a range.
        </p>
      ) : (
        <ul className="params">
          {b.graph.params.map((p, i) => (
            <ParamRow key={p.name} b={b} param={p} index={i} used={used.has(p.name)} />
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() =>
          b.changeGraph((g) => {
            const names = new Set(g.params.map((p) => p.name));
            let n = 1;
            while (names.has(`param${n}`)) n++;
            return { ...g, params: [...g.params, { name: `param${n}`, value: 1 }] };
          })
        }
      >
        Add parameter
      </button>
    </section>
  );
}
