import { apiCommand, apiKeysCommand } from './api-command';
import { candlesCommand } from './candles-command';
import type { CliCommand } from './command';
import { datasetCommand, datasetsCommand } from './datasets-command';
import { demoCommand } from './demo-command';
import { importCommand } from './import-command';
import { monteCarloCommand } from './monte-carlo-command';
import { optimiseCommand } from './optimise-command';
import { replayCommand } from './replay';
import { reportCommand } from './report-command';
import { backtestCommand, strategiesCommand } from './strategies-command';

/** Every CLI command, in the order `tickstep help` lists them. */
export const COMMANDS: CliCommand[] = [
  demoCommand,
  importCommand,
  datasetsCommand,
  datasetCommand,
  candlesCommand,
  replayCommand,
  reportCommand,
  strategiesCommand,
  backtestCommand,
  monteCarloCommand,
  optimiseCommand,
  apiCommand,
  apiKeysCommand,
];
