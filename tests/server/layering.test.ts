import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SERVER = join(ROOT, 'src/server');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Relative imports (static, type-only and dynamic) of one file, resolved to .ts paths. */
function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs = [...src.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}

const graph = new Map(tsFiles(SERVER).map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(ROOT, f);

describe('server layering', () => {
  it('imports only src/server and src/shared (never src/main, src/core or src/renderer)', () => {
    const bad = [...graph].flatMap(([f, deps]) =>
      deps
        .filter((d) => !d.startsWith(`${SERVER}/`) && !d.startsWith(join(ROOT, 'src/shared/')))
        .map((d) => `${rel(f)} -> ${rel(d)}`),
    );
    expect(bad).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map(rel).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('reads the time only through the injected clock', () => {
    const offenders = [...graph.keys()]
      .filter((f) => !f.endsWith('/clock.ts'))
      .filter((f) => /Date\.now\(\)|new Date\(\)|\bnow\(\)`|sql`now\(\)/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
