import type { CliCommand } from './command';
import { replayCommand } from './replay-command';

/** Every CLI command, in the order `tickstep help` lists them. */
export const COMMANDS: CliCommand[] = [replayCommand];
