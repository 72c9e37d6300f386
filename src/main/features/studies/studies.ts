import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { MethodParsedInput } from '../../../shared/contract';
import {
  type ChartSettings,
  type ChartStudiesDto,
  chartSettingsSchema,
  DEFAULT_CHART_SETTINGS,
  type DrawingDto,
  type DrawingPoint,
  type DrawingStyle,
  type IndicatorConfig,
  indicatorConfigSchema,
} from '../../../shared/contract/studies';
import { AppError, ErrorCode } from '../../../shared/errors';
import { chartSetups, drawings, sessions } from '../../db/schema';
import type { StudiesDeps } from './deps';

type DrawingRow = typeof drawings.$inferSelect;

function toDrawingDto(row: DrawingRow): DrawingDto {
  return {
    id: row.id,
    instrumentId: row.instrumentId,
    sessionId: row.sessionId,
    scope: row.sessionId === null ? 'instrument' : 'session',
    kind: row.kind,
    points: row.pointsJson as DrawingPoint[],
    style: row.styleJson as DrawingStyle,
    revealTs: row.revealTs,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Stored JSON is re-read through the contract's schemas, so an old row gets today's defaults. */
function readIndicators(json: unknown): IndicatorConfig[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const parsed = indicatorConfigSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function readSettings(json: unknown): ChartSettings {
  const parsed = chartSettingsSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : DEFAULT_CHART_SETTINGS;
}

/**
 * Indicator setup and chart settings per session; drawings per instrument (visible in every
 * session of the instrument whose cursor has reached the drawing's `revealTs`) or per session.
 */
export function createStudiesService(ctx: StudiesDeps) {
  const { db } = ctx.store;

  const sessionOf = (sessionId: string) => {
    const row = db
      .select({ id: sessions.id, instrumentId: sessions.instrumentId, cursorTs: sessions.cursorTs })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, ctx.userId)))
      .get();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No session "${sessionId}"`);
    return row;
  };

  const studiesOf = (sessionId: string): ChartStudiesDto => {
    const row = db.select().from(chartSetups).where(eq(chartSetups.sessionId, sessionId)).get();
    if (!row) return { sessionId, indicators: [], settings: DEFAULT_CHART_SETTINGS, updatedAt: null };
    return {
      sessionId,
      indicators: readIndicators(row.indicatorsJson),
      settings: readSettings(row.settingsJson),
      updatedAt: row.updatedAt,
    };
  };

  /** A drawing the session may see and change: its own, or one of its instrument's. */
  const visibleDrawing = (session: ReturnType<typeof sessionOf>, drawingId: string): DrawingRow => {
    const row = db
      .select()
      .from(drawings)
      .where(
        and(
          eq(drawings.id, drawingId),
          eq(drawings.userId, ctx.userId),
          eq(drawings.instrumentId, session.instrumentId),
          or(isNull(drawings.sessionId), eq(drawings.sessionId, session.id)),
        ),
      )
      .get();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No drawing "${drawingId}" on this session's chart`);
    return row;
  };

  return {
    get(sessionId: string): ChartStudiesDto {
      sessionOf(sessionId);
      return studiesOf(sessionId);
    },
    save({ sessionId, indicators, settings }: MethodParsedInput<'studies:save'>): ChartStudiesDto {
      sessionOf(sessionId);
      const now = ctx.clock.nowSeconds();
      db.insert(chartSetups)
        .values({
          sessionId,
          indicatorsJson: indicators,
          settingsJson: settings,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: chartSetups.sessionId,
          set: { indicatorsJson: indicators, settingsJson: settings, updatedAt: now },
        })
        .run();
      return studiesOf(sessionId);
    },
    listDrawings(sessionId: string): DrawingDto[] {
      const session = sessionOf(sessionId);
      return db
        .select()
        .from(drawings)
        .where(
          and(
            eq(drawings.userId, ctx.userId),
            eq(drawings.instrumentId, session.instrumentId),
            or(
              eq(drawings.sessionId, session.id),
              and(isNull(drawings.sessionId), lte(drawings.revealTs, session.cursorTs)),
            ),
          ),
        )
        .orderBy(asc(drawings.createdAt), sql`rowid`)
        .all()
        .map(toDrawingDto);
    },
    saveDrawing({ sessionId, drawing }: MethodParsedInput<'drawings:save'>): DrawingDto {
      const session = sessionOf(sessionId);
      const now = ctx.clock.nowSeconds();
      const scopeSessionId = drawing.scope === 'session' ? session.id : null;
      if (drawing.id !== undefined) {
        const existing = visibleDrawing(session, drawing.id);
        db.update(drawings)
          .set({
            kind: drawing.kind,
            sessionId: scopeSessionId,
            pointsJson: drawing.points,
            styleJson: drawing.style,
            // Never earlier: an edit made further along in time must stay hidden before it.
            revealTs: Math.max(existing.revealTs, session.cursorTs),
            updatedAt: now,
          })
          .where(eq(drawings.id, existing.id))
          .run();
        return toDrawingDto(db.select().from(drawings).where(eq(drawings.id, existing.id)).get()!);
      }
      const row: DrawingRow = {
        id: ctx.newId(),
        userId: ctx.userId,
        instrumentId: session.instrumentId,
        sessionId: scopeSessionId,
        kind: drawing.kind,
        pointsJson: drawing.points,
        styleJson: drawing.style,
        revealTs: session.cursorTs,
        createdAt: now,
        updatedAt: now,
      };
      db.insert(drawings).values(row).run();
      return toDrawingDto(row);
    },
    deleteDrawing(sessionId: string, drawingId: string): { deleted: boolean } {
      const session = sessionOf(sessionId);
      const row = visibleDrawing(session, drawingId);
      const result = db.delete(drawings).where(eq(drawings.id, row.id)).run();
      return { deleted: result.changes > 0 };
    },
  };
}

export type StudiesService = ReturnType<typeof createStudiesService>;
