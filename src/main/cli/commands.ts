import type { CliCommand } from './command';

/** Every CLI command, in the order `tickstep help` lists them. */
export const COMMANDS: CliCommand[] = [];
