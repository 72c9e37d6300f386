import { desc, eq, inArray, sql } from 'drizzle-orm';
import { byTag } from '../../../core/statistics/breakdown';
import { downsampleCurve } from '../../../core/statistics/equity-curve';
import type { PerformanceSummary } from '../../../core/statistics/performance';
import type { EquityPoint, Trade } from '../../../core/statistics/types';
import type { ChallengeReportDto } from '../../../shared/contract/challenges';
import type {
  ReportDto,
  ReportFileDto,
  ReportFormat,
  ReportListItemDto,
} from '../../../shared/contract/reports';
import type { BasePeriodDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import { files, reportFiles, reports, sessions } from '../../db/schema';
import { challengeReport } from '../challenges';
import { basePeriodsBetween } from '../market';
import { closedPositionTags, getInstrumentRow, getSessionRow, sessionPerformance } from '../trading';
import type { ReportsDeps } from './deps';
import { storeFile } from './stored-files';

/** What `summary_json` holds: the metrics plus the trade list and the session's identity then. */
interface StoredSummary {
  version: 1;
  sessionName: string;
  symbol: string;
  currency: string;
  fromTs: number;
  toTs: number;
  /** Absent in reports stored before base periods were recorded. */
  basePeriods?: BasePeriodDto[];
  summary: PerformanceSummary;
  trades: Trade[];
  /** The challenge the session was, as it stood (absent in reports stored before, and for a plain session). */
  challenge?: ChallengeReportDto | null;
}

type ReportRow = typeof reports.$inferSelect;

/** Reports: computed from the session's ledger and positions, stored, listed, read back. */
export class ReportService {
  constructor(private readonly ctx: ReportsDeps) {}

  /** Metrics now, not stored. */
  summary(sessionId: string): PerformanceSummary {
    return sessionPerformance(this.ctx, sessionId).summary;
  }

  create(sessionId: string): ReportDto {
    const session = getSessionRow(this.ctx.store, sessionId);
    const instrument = getInstrumentRow(this.ctx.store, session.instrumentId);
    const perf = sessionPerformance(this.ctx, sessionId);
    const now = this.ctx.clock.nowSeconds();
    const stored: StoredSummary = {
      version: 1,
      sessionName: session.name,
      symbol: instrument.symbol,
      currency: session.currency,
      fromTs: session.startTs,
      toTs: session.cursorTs,
      basePeriods: basePeriodsBetween(
        this.ctx.store,
        session.instrumentId,
        session.startTs,
        session.cursorTs,
      ),
      summary: perf.summary,
      trades: perf.trades,
      challenge: challengeReport(this.ctx.store, sessionId),
    };
    const row: ReportRow = {
      id: this.ctx.newId(),
      sessionId,
      summaryJson: stored,
      equityCurveJson: downsampleCurve(perf.curve),
      createdAt: now,
      updatedAt: now,
    };
    this.ctx.store.db.insert(reports).values(row).run();
    return this.dto(row);
  }

  get(reportId: string): ReportDto {
    return this.dto(this.row(reportId));
  }

  private row(reportId: string): ReportRow {
    const row = this.ctx.store.db.select().from(reports).where(eq(reports.id, reportId)).get();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No report ${reportId}`);
    return row;
  }

  list(sessionId?: string): ReportListItemDto[] {
    const own = this.ctx.store.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, this.ctx.userId))
      .all()
      .map((s) => s.id);
    const ids = sessionId ? own.filter((id) => id === sessionId) : own;
    if (ids.length === 0) return [];
    const rows = this.ctx.store.db
      .select()
      .from(reports)
      .where(inArray(reports.sessionId, ids))
      // Times are whole seconds and ids random: the rowid orders reports made in the same second.
      .orderBy(desc(reports.createdAt), sql`"reports"."rowid" desc`)
      .all();
    return rows.map((r) => {
      const s = r.summaryJson as StoredSummary;
      return {
        id: r.id,
        sessionId: r.sessionId,
        sessionName: s.sessionName,
        symbol: s.symbol,
        createdAt: r.createdAt,
        trades: s.summary.trades,
        netProfitCents: s.summary.netProfitCents,
        returnPct: s.summary.returnPct,
        maxDrawdownPct: s.summary.maxDrawdownPct,
      };
    });
  }

  /** Writes an exported file and records it (FILE row with size and md5) linked to the report (REPORT_FILE). */
  recordFile(reportId: string, format: ReportFormat, path: string, bytes: Buffer): ReportFileDto {
    const file = storeFile(this.ctx, { path, bytes, entityId: reportId }, (f) => {
      this.ctx.store.db
        .insert(reportFiles)
        .values({
          id: this.ctx.newId(),
          reportId,
          fileId: f.id,
          format,
          createdAt: f.createdAt,
          updatedAt: f.createdAt,
        })
        .run();
    });
    return { id: file.id, reportId, format, path, size: file.size, md5: file.md5, createdAt: file.createdAt };
  }

  private files(reportId: string): ReportFileDto[] {
    return this.ctx.store.db
      .select({
        id: files.id,
        format: reportFiles.format,
        path: files.path,
        size: files.size,
        md5: files.md5,
        createdAt: reportFiles.createdAt,
      })
      .from(reportFiles)
      .innerJoin(files, eq(files.id, reportFiles.fileId))
      .where(eq(reportFiles.reportId, reportId))
      .orderBy(reportFiles.createdAt, sql`"report_files"."rowid"`)
      .all()
      .map((f) => ({ ...f, reportId }));
  }

  private dto(row: ReportRow): ReportDto {
    const s = row.summaryJson as StoredSummary;
    // The numbers are the report's; the tags are the journal's now.
    const tags = closedPositionTags(this.ctx, row.sessionId);
    const trades = s.trades.map((t) => ({ ...t, tags: tags.get(t.id) ?? t.tags }));
    return {
      id: row.id,
      sessionId: row.sessionId,
      sessionName: s.sessionName,
      symbol: s.symbol,
      currency: s.currency,
      fromTs: s.fromTs,
      toTs: s.toTs,
      basePeriods: s.basePeriods ?? [],
      createdAt: row.createdAt,
      summary: { ...s.summary, byTag: byTag(trades) },
      equityCurve: row.equityCurveJson as EquityPoint[],
      trades,
      files: this.files(row.id),
      challenge: s.challenge ?? null,
    };
  }
}
