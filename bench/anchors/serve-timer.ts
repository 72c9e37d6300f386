import { spawn } from 'node:child_process';

/**
 * Starts a command in its own process group, returns the wall seconds until its stdout shows a
 * URL, then ends that group (only the processes this call started) and waits for it to exit.
 */
export function secondsUntilUrl(
  cmd: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutS?: number },
): Promise<{ seconds: number; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let found: { seconds: number; url: string } | null = null;
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(
      () => {
        stop();
        reject(
          new Error(
            `${cmd} ${args.join(' ')}: no URL after ${options.timeoutS ?? 300} s\n${err.slice(-2000)}`,
          ),
        );
      },
      (options.timeoutS ?? 300) * 1000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /https?:\/\/\S+/.exec(out);
      if (m && !found) {
        found = { seconds: (performance.now() - started) / 1000, url: m[0] };
        stop();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (found) resolvePromise(found);
      else reject(new Error(`${cmd} ${args.join(' ')} exited before printing a URL\n${err.slice(-2000)}`));
    });
  });
}
