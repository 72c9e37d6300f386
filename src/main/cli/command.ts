import type { TickstepApp } from '../app/open-app';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** One headless command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Flags taking a value (`--symbol EURUSD`); every other `--flag` is boolean. */
  valueFlags: string[];
  /** Whether the command needs the store (most do). */
  run(args: CliArgs, app: () => TickstepApp, io: CliIo): Promise<number>;
}

export interface CliArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export function stringFlag(args: CliArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function boolFlag(args: CliArgs, name: string): boolean {
  return args.flags[name] === true;
}
