import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../../shared/errors';
import { boolFlag, type CliCommand, stringFlag } from '../command';
import { stringifyReplayOutput, textReport } from './output';
import { runReplayScript } from './run';
import { parseReplayScript } from './script';

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Runs a scripted replay session and prints {session, orders, positions, transactions, summary}.',
  usage: 'replay --script FILE.json [--data-dir DIR] [--json]',
  valueFlags: ['script'],
  async run(args, getApp, io) {
    const file = stringFlag(args, 'script') ?? args.positionals[0];
    if (!file) throw new AppError(ErrorCode.INVALID_INPUT, 'replay needs --script FILE.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new AppError(ErrorCode.NOT_FOUND, `Cannot read the script ${file}: ${(error as Error).message}`);
    }
    const script = parseReplayScript(text);
    const output = await runReplayScript(getApp(), script);
    io.out(boolFlag(args, 'json') ? stringifyReplayOutput(output) : textReport(output));
    return 0;
  },
};
