import { resolve } from 'node:path';
import type { InstrumentSpec } from '../../shared/dto';
import { AppError, ErrorCode } from '../../shared/errors';
import { isTimeframe } from '../../shared/timeframes';
import { callMethod } from './call';
import { boolFlag, type CliCommand, stringFlag } from './command';
import { isoUtc } from './iso-time';

/** 'SBER: 2 digits, pip 0.01, 1 unit a lot, quoted in USD'. */
const describeSpec = (s: InstrumentSpec) =>
  `${s.symbol}: ${s.digits} digits, pip ${s.pipSize}, ${s.contractSize.toLocaleString('en-US')} ${s.contractSize === 1 ? 'unit' : 'units'} a lot, quoted in ${s.quoteCurrency}`;

/** `tickstep import FILE --symbol S …`: imports a candle or tick file and prints the result. */
export const importCommand: CliCommand = {
  name: 'import',
  summary:
    'Import a candle or tick CSV (format, zone and timeframe detected; times in --json are ISO 8601 UTC).',
  usage:
    'import FILE [--symbol S] [--format auto|mt4|mt5|histdata|histdata-tick|dukascopy|dukascopy-tick|tradingview|yahoo|stooq|ninjatrader|binance|forextester|investing|finam|stooq-intraday|generic] [--tz ZONE] [--timeframe TF] [--day-first|--month-first] [--skip-invalid] [--json]',
  valueFlags: ['symbol', 'format', 'tz', 'timeframe'],
  async run(args, app, io) {
    const file = args.positionals[0];
    if (!file) throw new AppError(ErrorCode.INVALID_INPUT, 'import needs a FILE');
    const timeframe = stringFlag(args, 'timeframe')?.toUpperCase();
    if (timeframe !== undefined && !isTimeframe(timeframe)) {
      throw new AppError(ErrorCode.INVALID_INPUT, `--timeframe ${timeframe} is not one of M1 … W1`);
    }
    const symbol = stringFlag(args, 'symbol');
    const format = stringFlag(args, 'format');
    const tz = stringFlag(args, 'tz');
    // For the rare file whose dates never reveal their order (no day above 12, no field that moves).
    const dayFirst = boolFlag(args, 'day-first');
    const monthFirst = boolFlag(args, 'month-first');
    if (dayFirst && monthFirst) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        '--day-first and --month-first contradict each other: pick one',
      );
    }
    const tickstep = app();
    // The CLI is the trader's own shell: it may name any file, through a handle it grants itself
    // (the contract takes no free paths).
    const result = await callMethod(tickstep, 'import:run', {
      source: { handle: tickstep.files.grant(resolve(file), 'read') },
      options: {
        ...(symbol ? { symbol } : {}),
        ...(format ? { format } : {}),
        ...(tz ? { tz } : {}),
        ...(timeframe ? { timeframe } : {}),
        skipInvalid: boolFlag(args, 'skip-invalid'),
        ...(dayFirst || monthFirst ? { layout: { dayFirst } } : {}),
      },
    });
    const printed = {
      datasetId: result.datasetId,
      symbol: result.symbol,
      timeframe: result.timeframe,
      format: result.format,
      timezone: result.timezone,
      rows: result.rows,
      skipped: result.skipped,
      duplicates: result.duplicates,
      startTs: isoUtc(result.startTs),
      endTs: isoUtc(result.endTs),
      md5: result.md5,
      skippedLines: result.skippedLines,
      timezoneAssumed: result.timezoneAssumed,
      ignoredColumns: result.ignoredColumns,
      instrumentCreated: result.instrumentCreated,
    };
    if (boolFlag(args, 'json')) {
      io.out(JSON.stringify(printed));
      return 0;
    }
    io.out(
      [
        `Imported ${result.rows} ${result.symbol} ${result.timeframe} candles into dataset ${result.datasetId}`,
        `  format ${result.format}, source zone ${result.timezone}${result.timezoneAssumed ? ' (assumed: the file states no zone; set --tz if it is another)' : ''}`,
        ...(result.instrumentCreated
          ? [
              `  new instrument ${describeSpec(result.instrumentCreated)} added to the catalogue (edit it in the app under Instruments)`,
            ]
          : []),
        `  range of this file ${printed.startTs} to ${printed.endTs}`,
        ...(result.ignoredColumns.length > 0
          ? [`  columns not read: ${result.ignoredColumns.join(', ')}`]
          : []),
        `  duplicates dropped ${result.duplicates}, invalid lines skipped ${result.skipped}`,
        `  md5 ${result.md5}`,
        ...result.skippedLines.map((s) => `  skipped line ${s.line}: ${s.reason}`),
      ].join('\n'),
    );
    return 0;
  },
};
