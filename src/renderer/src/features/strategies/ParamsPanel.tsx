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
    <input
      type="number"
      step="any"
      aria-label={`${param.name} ${label}`}
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => set(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))}
    />
  );
  const range = param.optimise;
  return (
    <tr aria-label={`Parameter ${param.name}`}>
      <td>
        <input
          type="text"
          aria-label={`${param.name} name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => e.key === 'Enter' && commitName()}
        />
        {nameError && <div className="error">{nameError}</div>}
      </td>
      <td>{numberBox('value', param.value, (value) => update({ ...param, value }))}</td>
      <td>
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
      </td>
      <td className="range">
        {range && (
          <>
            {numberBox('min', range.min, (min) => update({ ...param, optimise: { ...range, min } }))}
            {numberBox('max', range.max, (max) => update({ ...param, optimise: { ...range, max } }))}
            {numberBox('step', range.step, (step) => update({ ...param, optimise: { ...range, step } }))}
          </>
        )}
      </td>
      <td>
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
      </td>
    </tr>
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
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Value</th>
              <th>Optimise</th>
              <th>Min · max · step</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {b.graph.params.map((p, i) => (
              <ParamRow key={p.name} b={b} param={p} index={i} used={used.has(p.name)} />
            ))}
          </tbody>
        </table>
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
