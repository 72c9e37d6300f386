import { AppError, ErrorCode } from '../../shared/errors';
import { isTimeframe } from '../../shared/timeframes';
import { callMethod } from './call';
import { boolFlag, type CliCommand, stringFlag } from './command';
import { isoUtc, parseIsoFlag } from './iso-time';

/** `tickstep candles --symbol S --timeframe TF`: candles of any timeframe, derived from the base data. */
export const candlesCommand: CliCommand = {
  name: 'candles',
  summary: 'Print candles (ISO UTC time, open, high, low, close, volume) of any timeframe.',
  usage:
    'candles --symbol S --timeframe TF [--from ISO] [--to ISO] [--limit N] [--daily-close utc|new-york-close] [--json|--csv]',
  valueFlags: ['symbol', 'timeframe', 'from', 'to', 'limit', 'daily-close'],
  async run(args, app, io) {
    const symbol = stringFlag(args, 'symbol');
    const timeframe = stringFlag(args, 'timeframe')?.toUpperCase();
    if (!symbol) throw new AppError(ErrorCode.INVALID_INPUT, 'candles needs --symbol');
    if (!timeframe || !isTimeframe(timeframe)) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        'candles needs --timeframe M1|M5|M10|M15|M30|H1|H2|H4|D1|W1',
      );
    }
    const from = stringFlag(args, 'from');
    const to = stringFlag(args, 'to');
    const limit = stringFlag(args, 'limit');
    const dailyClose = stringFlag(args, 'daily-close');
    if (dailyClose && dailyClose !== 'utc' && dailyClose !== 'new-york-close') {
      throw new AppError(ErrorCode.INVALID_INPUT, '--daily-close is utc or new-york-close');
    }
    const candles = await callMethod(app(), 'candles:list', {
      symbol,
      timeframe,
      ...(from ? { fromTs: parseIsoFlag('from', from) } : {}),
      ...(to ? { toTs: parseIsoFlag('to', to) } : {}),
      ...(limit ? { limit: Number(limit) } : {}),
      ...(dailyClose ? { dailyClose: dailyClose as 'utc' | 'new-york-close' } : {}),
    });
    if (boolFlag(args, 'json')) {
      io.out(
        JSON.stringify(
          candles.map((c) => ({
            time: isoUtc(c.ts),
            open: c.open,
            high: c.high,
            low: c.low,
            close: c.close,
            volume: c.volume,
          })),
        ),
      );
      return 0;
    }
    const sep = boolFlag(args, 'csv') ? ',' : ' ';
    const lines = [['time', 'open', 'high', 'low', 'close', 'volume'].join(sep)];
    for (const c of candles) lines.push([isoUtc(c.ts), c.open, c.high, c.low, c.close, c.volume].join(sep));
    io.out(lines.join('\n'));
    return 0;
  },
};
