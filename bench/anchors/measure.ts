import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whole-process measurements. CPU time is the rusage of the waited-for child as GNU time reports
 * it (`/usr/bin/time -f '%e %U %S %M'`): user + sys of the child *and of every descendant it
 * waited for* (wait4 folds reaped grandchildren into the child's RUSAGE_CHILDREN), so the
 * `bin/tickstep.mjs` -> tsx -> node chain and its worker threads are all counted. %M is the peak
 * RSS of the largest single process in the tree (the kernel keeps a max, not a sum).
 * Without /usr/bin/time, falls back to bash's `times` builtin (children's user and sys; no RSS).
 */
export interface ProcessCost {
  wallS: number;
  userS: number;
  sysS: number;
  cpuS: number;
  /** Peak RSS of the largest process in the tree, MB; NaN when unknown. */
  rssMb: number;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export function cpuMethod(): string {
  return hasGnuTime()
    ? "GNU time (/usr/bin/time -f '%e %U %S %M'): user+sys of the process and all reaped descendants, peak RSS of the largest"
    : "bash `times` (children's user+sys; no RSS)";
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A file fed to the command's stdin. */
  stdinFile?: string;
}

/** Runs `cmd args…` to completion and returns its cost; throws when it exits non-zero. */
export function measure(cmd: string, args: string[], options: RunOptions = {}): ProcessCost {
  const dir = mkdtempSync(join(tmpdir(), 'anchors-time-'));
  const out = join(dir, 'time.txt');
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  try {
    const started = performance.now();
    const argv = hasGnuTime()
      ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', out, cmd, ...args]]
      : ['bash', ['-c', `"$@"; s=$?; times > ${JSON.stringify(out)}; exit $s`, '_', cmd, ...args]];
    const r = spawnSync(argv[0] as string, argv[1] as string[], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [stdin, 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallS = (performance.now() - started) / 1000;
    if (r.status !== 0) {
      throw new Error(
        `${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(-2000) ?? ''}`,
      );
    }
    const text = readFileSync(out, 'utf8').trim();
    let userS: number;
    let sysS: number;
    let rssMb = Number.NaN;
    if (hasGnuTime()) {
      const last = text.split('\n').pop()!.trim().split(/\s+/).map(Number);
      userS = last[1]!;
      sysS = last[2]!;
      rssMb = last[3]! / 1024;
    } else {
      // `times`: line 1 is the shell itself, line 2 its children: "0m1.234s 0m0.056s".
      const line = text.split('\n')[1] ?? '';
      const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      userS = secs[0] ?? Number.NaN;
      sysS = secs[1] ?? Number.NaN;
    }
    return { wallS, userS, sysS, cpuS: userS + sysS, rssMb, stdout: r.stdout.toString() };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs `a` and `b` side by side `n` times, alternating which goes first, and returns every
 * sample of each.
 */
export function paired<A, B>(n: number, a: (i: number) => A, b: (i: number) => B): { a: A[]; b: B[] } {
  const as: A[] = [];
  const bs: B[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      as.push(a(i));
      bs.push(b(i));
    } else {
      bs.push(b(i));
      as.push(a(i));
    }
  }
  return { a: as, b: bs };
}
