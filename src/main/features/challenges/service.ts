import type { z } from 'zod';
import type { ChallengeTemplate } from '../../../core/challenges/rulebook';
import { validateTemplate } from '../../../core/challenges/validate-rulebook';
import type { ExecutionEngine } from '../../../core/execution/engine';
import { toPoints } from '../../../core/execution/instrument';
import type {
  ChallengeDto,
  ChallengeOrderPreviewDto,
  ChallengeSummaryDto,
  ChallengeTemplateDto,
  PassChanceDto,
  startChallengeInput,
} from '../../../shared/contract/challenges';
import { AppError, ErrorCode } from '../../../shared/errors';
import { isKnownZone } from '../../platform/zone-offset';
import {
  getInstrumentRow,
  getSessionRow,
  isoToTs,
  NO_WATCH,
  type SessionWatch,
  type SessionWatchers,
  type TradingServices,
} from '../trading';
import { ChallengeRun, evaluatorFor, stopLossCostOf } from './challenge-run';
import type { ChallengesDeps } from './deps';
import { challengeDto, type SessionFacts, summaryDto } from './dto';
import {
  paidTemplateOf,
  pickPaidAttempt,
  recordPaidAttemptUse,
  startedBefore,
  usedAttemptIds,
  withPaidCounts,
} from './paid-attempts';
import { passChanceDto } from './pass-chance';
import { loadPresets } from './presets';
import {
  type ChallengeRow,
  challengeRowForSession,
  getChallengeRow,
  getTemplateRow,
  insertChallengeRow,
  insertEventRows,
  insertTemplateRow,
  listChallengeRows,
  listEventRows,
  listTemplateRows,
  type TemplateRow,
  updateTemplateRow,
} from './store';

export type StartChallengeInput = z.output<typeof startChallengeInput>;

/** A rulebook from unknown JSON, or INVALID_INPUT naming every bad field (`details.errors`). */
export function checkTemplate(json: unknown): ChallengeTemplate {
  const result = validateTemplate(json);
  const errors = result.ok ? [] : [...result.errors];
  if (result.ok && !isKnownZone(result.value.dayReset.zone)) {
    errors.push({ path: 'dayReset.zone', message: `is not a time zone this computer knows` });
  }
  if (errors.length > 0 || !result.ok) {
    const list = errors.map((e) => `${e.path} ${e.message}`).join('; ');
    throw new AppError(ErrorCode.INVALID_INPUT, `The rulebook is not valid: ${list}`, { errors });
  }
  return result.value;
}

function customDto(row: TemplateRow): ChallengeTemplateDto {
  return {
    id: row.id,
    builtIn: false,
    copiedFrom: row.copiedFrom,
    template: row.rulebookJson as ChallengeTemplate,
    updatedAt: row.updatedAt,
    paid: null,
  };
}

/**
 * Makes each loaded session's watch: a ChallengeRun when the session is a challenge, else the
 * null watch. Trading calls it when it (re)loads a session, after a restart too.
 */
export class ChallengeWatchers implements SessionWatchers {
  constructor(private readonly deps: ChallengesDeps) {}

  watch(sessionId: string, engine: ExecutionEngine): SessionWatch {
    const row = challengeRowForSession(this.deps.store, sessionId);
    if (!row) return NO_WATCH;
    const session = getSessionRow(this.deps.store, sessionId);
    return new ChallengeRun(this.deps, row, engine, session.currency);
  }
}

/** Templates (presets and copies), starting a challenge, its dashboard, and the breach preview. */
export class ChallengeService {
  private presetCache: ChallengeTemplate[] | null = null;

  constructor(
    private readonly deps: ChallengesDeps,
    private readonly trading: TradingServices,
  ) {}

  private presets(): ChallengeTemplate[] {
    this.presetCache ??= loadPresets(this.deps.appRoot);
    return this.presetCache;
  }

  listTemplates(): ChallengeTemplateDto[] {
    const presets = this.presets().map(
      (template): ChallengeTemplateDto => ({
        id: template.id,
        builtIn: true,
        copiedFrom: null,
        template,
        updatedAt: null,
        paid: null,
      }),
    );
    return withPaidCounts(
      [...presets, ...listTemplateRows(this.deps.store, this.deps.userId).map(customDto)],
      this.deps.licence.paidAttempts(),
      usedAttemptIds(this.deps.store, this.deps.userId),
    );
  }

  private template(templateId: string): ChallengeTemplateDto {
    const found = this.listTemplates().find((t) => t.id === templateId);
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No challenge template ${templateId}`);
    return found;
  }

  copyTemplate(templateId: string, name?: string): ChallengeTemplateDto {
    const source = this.template(templateId);
    const id = this.deps.newId();
    const template = checkTemplate({
      ...source.template,
      id,
      name: name ?? `${source.template.name} (copy)`,
    });
    const now = this.deps.clock.nowSeconds();
    const row: TemplateRow = {
      id,
      userId: this.deps.userId,
      copiedFrom: source.id,
      rulebookJson: template,
      createdAt: now,
      updatedAt: now,
    };
    insertTemplateRow(this.deps.store, row);
    return customDto(row);
  }

  saveTemplate(templateId: string, json: unknown): ChallengeTemplateDto {
    const row = getTemplateRow(this.deps.store, this.deps.userId, templateId);
    if (!row) {
      const preset = this.presets().some((p) => p.id === templateId);
      throw new AppError(
        preset ? ErrorCode.FORBIDDEN : ErrorCode.NOT_FOUND,
        preset
          ? 'A preset cannot be edited; copy it and edit the copy'
          : `No challenge template ${templateId}`,
      );
    }
    // The id is the row's: a copy keeps its identity whatever the edited JSON says.
    const withId =
      typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...json, id: templateId } : json;
    const template = checkTemplate(withId);
    const now = this.deps.clock.nowSeconds();
    updateTemplateRow(this.deps.store, templateId, template, now);
    return customDto({ ...row, rulebookJson: template, updatedAt: now });
  }

  start(input: StartChallengeInput): ChallengeDto {
    const { template, id: templateId } = this.template(input.templateId);
    const phase = template.phases[input.phase];
    if (!phase) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `phase: ${template.name} has ${template.phases.length} phase(s), numbered from 0`,
      );
    }
    isoToTs(input.startAt);
    const { store } = this.deps;
    const templates = this.listTemplates();
    const paidTemplateId = paidTemplateOf(templates, templateId);
    const row = store.sqlite.transaction(() => {
      // A paid-only template (or a copy) takes an unused paid attempt, or refuses before anything is made.
      const attempt =
        paidTemplateId === null
          ? null
          : pickPaidAttempt(
              store,
              this.deps.userId,
              paidTemplateId,
              this.deps.licence.paidAttempts(),
              startedBefore(
                store,
                this.deps.userId,
                templates.filter((t) => paidTemplateOf(templates, t.id) === paidTemplateId).map((t) => t.id),
              ),
            );
      const session = this.trading.sessions.create({
        symbol: input.symbol,
        name: input.name || `${template.name}: ${phase.name}`,
        timeframe: input.timeframe,
        startAt: input.startAt,
        balance: template.initialBalanceCents / 100,
        currency: input.currency,
        leverage: input.leverage,
        spreadPts: input.spreadPts,
        slippagePts: input.slippagePts,
        commissionPerLot: input.commissionPerLot,
        stopOutPct: 50,
        speed: input.speed,
        quoteRate: input.quoteRate,
      });
      const now = this.deps.clock.nowSeconds();
      const draft: ChallengeRow = {
        id: this.deps.newId(),
        userId: this.deps.userId,
        sessionId: session.id,
        templateId,
        rulebookJson: template,
        phaseIndex: input.phase,
        status: 'ACTIVE',
        startTs: session.startTs,
        breachRule: null,
        breachTs: null,
        breachTick: null,
        breachLimit: null,
        breachValue: null,
        passedTs: null,
        evaluatorJson: {},
        createdAt: now,
        updatedAt: now,
      };
      // A fresh evaluator's state: the one that will be restored at the first load.
      const fresh = evaluatorFor(this.deps, { ...draft, evaluatorJson: null });
      const created = { ...draft, evaluatorJson: fresh.snapshot() };
      insertChallengeRow(store, created);
      if (attempt) {
        recordPaidAttemptUse(store, {
          attempt,
          userId: this.deps.userId,
          challengeId: created.id,
          usedAt: now,
        });
      }
      insertEventRows(store, [
        {
          id: this.deps.newId(),
          challengeId: created.id,
          kind: 'started',
          ts: session.startTs,
          detailJson: {
            template: template.name,
            phase: phase.name,
            balanceCents: template.initialBalanceCents,
          },
          createdAt: now,
          updatedAt: now,
        },
      ]);
      return created;
    })();
    return this.get(row.id);
  }

  private facts(sessionId: string): SessionFacts {
    const rt = this.trading.replay.runtimeIfLoaded(sessionId);
    const row = rt?.row ?? getSessionRow(this.deps.store, sessionId);
    const instrument = rt?.instrument ?? getInstrumentRow(this.deps.store, row.instrumentId);
    return {
      name: row.name,
      symbol: instrument.symbol,
      currency: row.currency,
      balanceCents: row.balanceCents,
    };
  }

  /** The live run when the session is loaded (or loadable), else the stored state. */
  private live(row: ChallengeRow): { run: ChallengeRun | null; row: ChallengeRow } {
    try {
      const rt = this.trading.replay.runtime(row.sessionId);
      return { run: rt.watch instanceof ChallengeRun ? rt.watch : null, row };
    } catch {
      // The session's data is gone: the dashboard still shows the stored outcome.
      return { run: null, row };
    }
  }

  get(challengeId: string): ChallengeDto {
    const stored = getChallengeRow(this.deps.store, this.deps.userId, challengeId);
    const { run } = this.live(stored);
    const rt = this.trading.replay.runtimeIfLoaded(stored.sessionId);
    // The row's status columns are the last persisted step's; the live run is the same or newer.
    const current = getChallengeRow(this.deps.store, this.deps.userId, challengeId);
    const evaluator = run?.evaluator ?? evaluatorFor(this.deps, current);
    return challengeDto(
      current,
      this.facts(current.sessionId),
      evaluator,
      run && rt ? rt.engine : null,
      listEventRows(this.deps.store, challengeId),
    );
  }

  forSession(sessionId: string): { challenge: ChallengeDto | null } {
    const row = challengeRowForSession(this.deps.store, sessionId);
    if (!row || row.userId !== this.deps.userId) return { challenge: null };
    return { challenge: this.get(row.id) };
  }

  list(): ChallengeSummaryDto[] {
    return listChallengeRows(this.deps.store, this.deps.userId).map((row) =>
      summaryDto(row, this.facts(row.sessionId)),
    );
  }

  /** The trader ends an ACTIVE challenge: closed, recorded and reported in the session's transaction. */
  end(challengeId: string): ChallengeDto {
    const row = getChallengeRow(this.deps.store, this.deps.userId, challengeId);
    const rt = this.trading.replay.runtime(row.sessionId);
    const run = rt.watch instanceof ChallengeRun ? rt.watch : null;
    if (run?.status !== 'ACTIVE') {
      throw new AppError(
        ErrorCode.SESSION_CLOSED,
        `This challenge is ${run?.status ?? row.status} already; only an active one can be ended`,
      );
    }
    this.trading.replay.mutate(row.sessionId, (r) => run.endByTrader(r.engine));
    return this.get(challengeId);
  }

  passChance(input: {
    templateId: string;
    phase: number;
    riskPct: number;
    tradesPerDay?: number;
    seed: number;
  }): PassChanceDto {
    const { id, template } = this.template(input.templateId);
    return passChanceDto(this.deps, this.trading, id, template, input);
  }

  previewOrder(input: {
    challengeId: string;
    side: 'BUY' | 'SELL';
    type?: 'MARKET' | 'LIMIT' | 'STOP';
    lots: number;
    price?: number;
    sl?: number;
  }): ChallengeOrderPreviewDto {
    const row = getChallengeRow(this.deps.store, this.deps.userId, input.challengeId);
    const rt = this.trading.replay.runtime(row.sessionId);
    const run = rt.watch instanceof ChallengeRun ? rt.watch : null;
    const evaluator = run?.evaluator ?? evaluatorFor(this.deps, row);
    const engine = rt.engine;
    const type = input.type ?? (input.price === undefined ? 'MARKET' : 'LIMIT');
    if (type !== 'MARKET' && input.price === undefined) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `price: a ${type.toLowerCase()} order needs its entry price`,
      );
    }
    const entryPts =
      type === 'MARKET' || input.price === undefined
        ? input.side === 'BUY'
          ? engine.askPts
          : engine.bidPts
        : toPoints(input.price, engine.scale);
    const slPts = input.sl === undefined ? null : toPoints(input.sl, engine.scale);
    if (slPts !== null && (input.side === 'BUY' ? slPts >= entryPts : slPts <= entryPts)) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `sl: a ${input.side === 'BUY' ? 'buy' : 'sell'}'s stop loss must be ${input.side === 'BUY' ? 'below' : 'above'} its entry ${engine.price(entryPts)}`,
      );
    }
    const cost =
      slPts === null
        ? null
        : stopLossCostOf(engine, { side: input.side, type, lots: input.lots, entryPts, slPts });
    const stopLossCents = cost?.totalCents ?? null;
    return {
      ...evaluator.preview({ lots: input.lots, stopLossCents }),
      stopLossCents,
      stopLossCost: cost,
      status: run?.status ?? (row.status === 'ENDED' ? 'ENDED' : evaluator.status),
    };
  }
}
