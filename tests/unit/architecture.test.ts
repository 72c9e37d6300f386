import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of "How it is built", checked on the real import graph of src/:
 * dependencies point one way, features meet only through their index, and nothing imports
 * itself back round a circle (type-only imports count: they are the first step to a real one).
 */

const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

interface Edge {
  from: string;
  to: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

// Static imports and re-exports (type-only included), and dynamic import() of a literal.
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? '');
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = sourceFiles(SRC);
const edges: Edge[] = [];
const external: Edge[] = [];
for (const file of files) {
  for (const specifier of specifiersOf(file)) {
    const to = resolveLocal(file, specifier);
    if (to) edges.push({ from: rel(file), to: rel(to), specifier });
    else if (!specifier.startsWith('.')) external.push({ from: rel(file), to: specifier, specifier });
  }
}

function rel(path: string): string {
  return relative(ROOT, path).split('\\').join('/');
}

/** The layer a file belongs to: src/<layer>/… */
function layerOf(path: string): string {
  return path.split('/')[1] ?? '';
}

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  shared: ['shared', 'core'],
  main: ['main', 'shared', 'core'],
  preload: ['preload', 'shared'],
  renderer: ['renderer', 'shared', 'core'],
  server: ['server', 'shared'],
};

function describeEdges(list: Edge[]): string[] {
  return list.map((e) => `${e.from} -> ${e.to}`);
}

describe('the import graph of src/', () => {
  it('finds the files and their imports (the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('points one way: core → nothing, shared → core, main → core and shared, renderer → shared and core, server → shared', () => {
    const wrong = edges.filter((e) => {
      const allowed = ALLOWED[layerOf(e.from)];
      return allowed !== undefined && !allowed.includes(layerOf(e.to));
    });
    expect(describeEdges(wrong)).toEqual([]);
  });

  it('keeps the core free of packages, Node built-ins and Electron', () => {
    const wrong = external.filter((e) => layerOf(e.from) === 'core');
    expect(describeEdges(wrong)).toEqual([]);
  });

  it('imports electron only in src/main/electron and the preload', () => {
    const wrong = external.filter(
      (e) =>
        (e.to === 'electron' || e.to.startsWith('electron/')) &&
        !e.from.startsWith('src/main/electron/') &&
        !e.from.startsWith('src/preload/'),
    );
    expect(describeEdges(wrong)).toEqual([]);
  });

  it('lets a feature reach another feature only through its index.ts', () => {
    const featureOf = (path: string): string | null => {
      const m = /^src\/main\/features\/([^/]+)\//.exec(path);
      return m ? (m[1] ?? null) : null;
    };
    const wrong = edges.filter((e) => {
      const target = featureOf(e.to);
      if (target === null || featureOf(e.from) === target) return false;
      return e.to !== `src/main/features/${target}/index.ts`;
    });
    expect(describeEdges(wrong)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const next = new Map<string, string[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      stack.push(node);
      for (const to of next.get(node) ?? []) {
        if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to].join(' -> '));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const file of files.map(rel).sort()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
