import { z } from 'zod';
import type { PerformanceSummary } from '../../core/statistics/performance';
import type { EquityPoint, Trade } from '../../core/statistics/types';
import type { BasePeriodDto } from '../dto';
import type { ChallengeReportDto } from './challenges';
import { dataFolderPath, fileHandle } from './file-ref';
import { method } from './method';

/** Reports (seed 000 REPORT, REPORT_FILE), exports, the trade journal. */

export const REPORT_FORMATS = ['json', 'html', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type PerformanceSummaryDto = PerformanceSummary;
export type EquityPointDto = EquityPoint;
export type ReportTradeDto = Trade;

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

/** The MIME type a browser download of each export format carries. */
export const EXPORT_MIME_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  html: 'text/html',
  csv: 'text/csv',
  pdf: 'application/pdf',
};

/**
 * An export with its bytes, for browser mode: the page hands them to the browser as a download
 * (the file is also written and recorded, as every export is).
 */
export interface ReportDownloadDto extends ReportFileDto {
  /** The name the download offers: the session's name and the report's short id. */
  fileName: string;
  mimeType: string;
  contentBase64: string;
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
  /** The base data each period of the replay used, oldest first (empty in reports made before). */
  basePeriods: BasePeriodDto[];
  createdAt: number;
  summary: PerformanceSummaryDto;
  /** At most about 2,000 points (peaks and troughs kept); drawdown per point. */
  equityCurve: EquityPointDto[];
  trades: ReportTradeDto[];
  files: ReportFileDto[];
  /** The challenge the session was: rulebook, outcome and its events; null for a plain session. */
  challenge: ChallengeReportDto | null;
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

export const SCREENSHOT_KINDS = ['entry', 'exit', 'manual'] as const;
export type ScreenshotKind = (typeof SCREENSHOT_KINDS)[number];

/** A chart screenshot in a trade's journal, stored as a FILE row (PNG, size in bytes, md5 hex). */
export interface JournalScreenshotDto {
  id: string;
  positionId: string;
  sessionId: string;
  /** `entry` and `exit`: taken by the desk when the position opened and closed; `manual`: the trader's. */
  kind: ScreenshotKind;
  path: string;
  size: number;
  md5: string;
  /** The replay time (the session's cursor, UTC seconds) when taken; null for shots older than this field. */
  replayTs: number | null;
  /** When it was saved (wall clock). */
  createdAt: number;
}

/** A journal screenshot's bytes, base64, for thumbnails (browser mode cannot read local paths). */
export interface JournalScreenshotImageDto {
  id: string;
  pngBase64: string;
}

export const MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;
/** The 8-byte PNG signature (89 50 4E 47 0D 0A 1A 0A) as base64 starts with this. */
const PNG_SIGNATURE_BASE64 = 'iVBORw0KGgo';

/** A PNG as plain base64 (no `data:` prefix), at most MAX_SCREENSHOT_BYTES decoded. */
export const pngBase64 = z
  .string()
  .min(1, 'The image is empty')
  .max(
    Math.ceil(MAX_SCREENSHOT_BYTES / 3) * 4,
    `The image is larger than ${MAX_SCREENSHOT_BYTES / 1024 / 1024} MiB`,
  )
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The image is not base64 (send the bytes without a data: prefix)')
  .refine((s) => s.startsWith(PNG_SIGNATURE_BASE64), 'The image is not a PNG (no PNG signature)');

const sessionId = z.string().min(1);
const reportId = z.string().min(1);
const screenshotId = z.string().min(1);

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
   * REPORT_FILE. Where: `handle`, a file handle for writing (the desktop's save dialog, the CLI's
   * --out), or `path`, inside a subfolder of the data folder (see file-ref.ts); by default
   * `<data dir>/reports/<session>-<report>.<format>`. With `download: true` the answer carries the
   * bytes too (browser mode turns them into a browser download): one call, one export on the plan.
   */
  'reports:export': method<ReportFileDto | ReportDownloadDto>()(
    z
      .object({
        reportId,
        format: z.enum(['json', 'html', 'csv', 'pdf']),
        handle: fileHandle.optional(),
        path: dataFolderPath.optional(),
        download: z.boolean().optional(),
      })
      .strict()
      .refine((v) => !(v.handle && v.path), {
        path: ['path'],
        message: 'give a handle or a path, not both',
      }),
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
  /** Saves a PNG to a trade's journal: under `<data dir>/journal/`, recorded as a FILE row. */
  'journal:add-screenshot': method<JournalScreenshotDto>()(
    z.object({ positionId: z.string().min(1), kind: z.enum(SCREENSHOT_KINDS), pngBase64 }).strict(),
  ),
  /** Oldest first; of one position when `positionId` is given. */
  'journal:screenshots': method<JournalScreenshotDto[]>()(
    z.object({ sessionId, positionId: z.string().min(1).optional() }).strict(),
  ),
  'journal:read-screenshot': method<JournalScreenshotImageDto>()(z.object({ screenshotId }).strict()),
  /** Removes the screenshot, its FILE row and the PNG. */
  'journal:delete-screenshot': method<{ deleted: true }>()(z.object({ screenshotId }).strict()),
};
