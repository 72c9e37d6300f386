import { z } from 'zod';
import type { PerformanceSummary } from '../../core/statistics/performance';
import type { EquityPoint, TradeRecord } from '../../core/statistics/types';
import { method } from './method';

/** Reports (seed 000 REPORT, REPORT_FILE), exports, the trade journal. */

export const REPORT_FORMATS = ['json', 'html', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type PerformanceSummaryDto = PerformanceSummary;
export type EquityPointDto = EquityPoint;
export type ReportTradeDto = TradeRecord;

/** A file exported from a report, recorded as a FILE row (size in bytes, md5 hex). */
export interface ReportFileDto {
  id: string;
  reportId: string;
  format: ReportFormat;
  path: string;
  size: number;
  md5: string;
  createdAt: number;
}

/** A stored report: the metrics, the equity curve and the trade list at the time it was made. */
export interface ReportDto {
  id: string;
  sessionId: string;
  sessionName: string;
  symbol: string;
  currency: string;
  /** The session's replay span (UTC seconds) when the report was made. */
  fromTs: number;
  toTs: number;
  createdAt: number;
  summary: PerformanceSummaryDto;
  /** At most about 2,000 points (peaks and troughs kept); drawdown per point. */
  equityCurve: EquityPointDto[];
  trades: ReportTradeDto[];
  files: ReportFileDto[];
}

export interface ReportListItemDto {
  id: string;
  sessionId: string;
  sessionName: string;
  symbol: string;
  createdAt: number;
  trades: number;
  netProfitCents: number;
  returnPct: number | null;
  maxDrawdownPct: number;
}

/** The journal of one position: notes, tags and a setup rating (1-5). */
export interface JournalEntryDto {
  positionId: string;
  sessionId: string;
  notes: string;
  tags: string[];
  rating: number | null;
  updatedAt: number;
}

const sessionId = z.string().min(1);
const reportId = z.string().min(1);

export const reportsMethods = {
  /** Computes and stores a report of the session as it is now (also done when a session completes). */
  'reports:create': method<ReportDto>()(z.object({ sessionId }).strict()),
  'reports:get': method<ReportDto>()(z.object({ reportId }).strict()),
  /** Newest first; of one session when `sessionId` is given. */
  'reports:list': method<ReportListItemDto[]>()(z.object({ sessionId: sessionId.optional() }).strict()),
  /** The metrics of a session now, without storing a report (the replay CLI's `summary`). */
  'reports:summary': method<PerformanceSummaryDto>()(z.object({ sessionId }).strict()),
  /**
   * Writes an export of a stored report (plan-limited) and records it as a FILE linked through
   * REPORT_FILE. `path` defaults to `<data dir>/reports/<session>-<report>.<format>`.
   */
  'reports:export': method<ReportFileDto>()(
    z
      .object({
        reportId,
        format: z.enum(['json', 'html', 'csv', 'pdf']),
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
  ),
  'journal:list': method<JournalEntryDto[]>()(z.object({ sessionId }).strict()),
  'journal:save': method<JournalEntryDto>()(
    z
      .object({
        positionId: z.string().min(1),
        notes: z.string().max(20_000).default(''),
        tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
        rating: z.number().int().min(1).max(5).nullable().default(null),
      })
      .strict(),
  ),
};
