import { AppError, ErrorCode } from '../../shared/errors';
import type { CliArgs } from './command';

/** Splits argv into positionals and `--flag [value]` pairs; unknown shapes are clear errors. */
export function parseCliArgs(argv: string[], valueFlags: string[]): CliArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) {
      flags[name] = arg.slice(eq + 1);
    } else if (valueFlags.includes(name)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new AppError(ErrorCode.INVALID_INPUT, `--${name} needs a value`);
      }
      flags[name] = value;
      i++;
    } else {
      flags[name] = true;
    }
  }
  return { positionals, flags };
}
