/**
 * Whether this plain-Node run (browser mode, the CLI, tests) is a development or test run, in
 * which development-only overrides such as `TICKSTEP_LICENCE_PUBLIC_KEY` are honoured: `NODE_ENV`
 * is `development` or `test` (vitest sets `test`), or `TICKSTEP_DEV=1`. Anything else, including
 * no NODE_ENV at all, is a production run. The packaged desktop app decides with `app.isPackaged`
 * instead (src/main/electron/main.ts).
 */
export function isDevelopmentRun(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test' || env.TICKSTEP_DEV === '1';
}
