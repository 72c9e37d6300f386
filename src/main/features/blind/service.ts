import type { z } from 'zod';
import { BLIND_EPOCH_TS } from '../../../shared/blind-time';
import type { BlindInfoDto, blindMethods } from '../../../shared/contract/blind';
import type { SessionDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import { isTimeframe, TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import { blindSessions } from '../../db/schema';
import { activeDatasets } from '../market';
import { type TradingServices, tsToIso } from '../trading';
import type { BlindDeps } from './deps';
import { type BlindCandidate, pickBlindStart } from './pick';
import { isEnded } from './registry';

type StartInput = z.output<(typeof blindMethods)['blind:start']['input']>;
const DAY = 86_400;

/** Starts, describes and ends blind sessions; the masking itself is wrap.ts. */
export class BlindService {
  constructor(
    private readonly deps: BlindDeps,
    private readonly trading: TradingServices,
  ) {}

  private candidates(): BlindCandidate[] {
    const instruments = this.deps.store.sqlite
      .prepare('SELECT id, symbol FROM instruments WHERE enabled = 1')
      .all() as {
      id: string;
      symbol: string;
    }[];
    return instruments.flatMap((instrument) =>
      activeDatasets(this.deps.store, instrument.id)
        .filter((d) => isTimeframe(d.timeframe) && d.endTs > d.startTs)
        .map((d) => ({
          symbol: instrument.symbol,
          timeframe: d.timeframe,
          startTs: d.startTs,
          endTs: d.endTs,
        })),
    );
  }

  start(input: StartInput): SessionDto {
    // Randomness comes from the injected id source, so tests that fix the ids fix the draw.
    const seed =
      input.seed ??
      Number.parseInt(
        this.deps
          .newId()
          .replace(/[^0-9a-f]/gi, '')
          .slice(0, 7) || '0',
        16,
      );
    const pick = pickBlindStart(this.candidates(), seed);
    if (!pick) {
      throw new AppError(
        ErrorCode.OUT_OF_DATA,
        'A blind session draws from your own data: import candles first',
      );
    }
    const base = pick.candidate.timeframe as Timeframe;
    const timeframe = TIMEFRAME_SECONDS[input.timeframe] < TIMEFRAME_SECONDS[base] ? base : input.timeframe;
    const session = this.trading.sessions.create({
      symbol: pick.candidate.symbol,
      name: `Blind #${seed}`,
      timeframe,
      startAt: tsToIso(pick.startTs),
      balance: input.balance,
      currency: 'USD',
      leverage: 100,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLot: 0,
      stopOutPct: 50,
      speed: input.speed,
    });
    const first = this.deps.store.sqlite
      .prepare(
        'SELECT close FROM candles WHERE series_id = (SELECT id FROM series WHERE instrument_id = ? AND timeframe = ?) AND ts = ?',
      )
      .get(session.instrumentId, session.baseTimeframe, session.startTs) as { close: number } | undefined;
    const f = 10 ** session.digits;
    const priceOffset = input.rebase && first ? Math.round(first.close * (pick.priceFactor - 1) * f) / f : 0;
    this.deps.store.db
      .insert(blindSessions)
      .values({
        sessionId: session.id,
        seed,
        timeShiftSeconds: BLIND_EPOCH_TS - Math.floor(session.startTs / DAY) * DAY,
        priceOffset,
        createdAt: this.deps.clock.nowSeconds(),
      })
      .run();
    return session;
  }

  get(sessionId: string): BlindInfoDto {
    this.trading.sessions.get(sessionId);
    const row = this.deps.blind.row(sessionId);
    if (!row) return { sessionId, blind: false, seed: null, rebased: false, revealed: true, reveal: null };
    const revealed = isEnded(row.status);
    return {
      sessionId,
      blind: true,
      seed: row.seed,
      rebased: row.priceOffset !== 0,
      revealed,
      reveal: revealed
        ? {
            symbol: row.symbol,
            startAt: tsToIso(row.startTs),
            endedAt: tsToIso(row.cursorTs),
            priceOffset: row.priceOffset,
          }
        : null,
    };
  }

  end(sessionId: string): BlindInfoDto {
    const row = this.deps.blind.row(sessionId);
    if (!row)
      throw new AppError(ErrorCode.NOT_FOUND, `Session ${sessionId} is not a blind session`, {
        field: 'sessionId',
      });
    if (!isEnded(row.status)) this.trading.sessions.archive(sessionId);
    return this.get(sessionId);
  }
}
