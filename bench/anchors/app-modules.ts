import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * src/main is being moved into feature folders, so the anchors bench does not import its
 * modules by path. It finds the module that exports a name (`openApp`, `parseFile`,
 * `resolveSetup`) under src/, preferring the path it had when this bench was written, and says
 * which file it used. The contract it then talks to (`candles:list`, the parse events) lives in
 * src/shared and does not move.
 */
export interface Located<T> {
  value: T;
  file: string;
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function exportsName(text: string, name: string): boolean {
  return new RegExp(
    `export\\s+(?:async\\s+)?(?:function\\s*\\*?\\s*|const\\s+|let\\s+)${name}\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`,
  ).test(text);
}

export async function locateExport<T>(root: string, name: string, preferred: string[]): Promise<Located<T>> {
  const candidates = [
    ...preferred.map((p) => join(root, p)),
    ...Array.from(tsFiles(join(root, 'src', 'main'))),
    ...Array.from(tsFiles(join(root, 'src'))),
  ];
  for (const file of candidates) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!exportsName(text, name)) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (mod[name] !== undefined) return { value: mod[name] as T, file: relative(root, file) };
  }
  throw new Error(`no module under src/ exports ${name}`);
}

/** The slice of `openApp`'s surface the bench uses. */
export interface AppLike {
  dispatch(
    method: string,
    input: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>;
  close(): void;
}
export type OpenApp = (options: {
  dataDir: string;
  appRoot: string;
  mode: 'browser';
  log?: (message: string, error?: unknown) => void;
  startOnline?: boolean;
}) => AppLike;

export type ResolveSetup = (path: string, name: string, overrides: Record<string, never>) => Promise<unknown>;
export type ParseFile = (
  path: string,
  setup: unknown,
  control: { stopped: () => boolean },
) => AsyncIterable<{ type: string; batch?: { count: number } }>;
