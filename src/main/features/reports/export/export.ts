import { join } from 'node:path';
import {
  EXPORT_MIME_TYPES,
  type ReportDownloadDto,
  type ReportDto,
  type ReportFileDto,
  type ReportFormat,
} from '../../../../shared/contract/reports';
import type { PrintPdf } from '../../../platform/pdf';
import type { ReportsDeps } from '../deps';
import type { ReportService } from '../reports';
import { tradesCsv } from './csv';
import { reportHtml } from './html';

/** The bytes of one export of a stored report. */
function renderExport(report: ReportDto, format: ReportFormat, printPdf: PrintPdf): Promise<Buffer> | Buffer {
  switch (format) {
    case 'json': {
      const { files: _files, ...rest } = report;
      return Buffer.from(`${JSON.stringify(rest, null, 2)}\n`);
    }
    case 'csv':
      return Buffer.from(tradesCsv(report.trades));
    case 'html':
      return Buffer.from(reportHtml(report));
    case 'pdf':
      return printPdf(reportHtml(report));
  }
}

/** `<session name>-<report id>.<format>`, the name made file-system safe. */
function exportFileName(report: ReportDto, format: ReportFormat): string {
  const safe = report.sessionName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'session';
  return `${safe}-${report.id.slice(0, 8)}.${format}`;
}

/** `<data dir>/reports/<session name>-<report id>.<format>`. */
function defaultExportPath(ctx: ReportsDeps, report: ReportDto, format: ReportFormat) {
  return join(ctx.dataDir, 'reports', exportFileName(report, format));
}

/**
 * Writes an export and records it as a FILE row with its size and md5, linked through REPORT_FILE
 * (`storeFile`: a failure leaves no half file and no row). The handler gates it on the plan's
 * report exports per month.
 */
export async function exportReport(
  ctx: ReportsDeps,
  reports: ReportService,
  input: { reportId: string; format: ReportFormat; handle?: string; path?: string; download?: boolean },
): Promise<ReportFileDto | ReportDownloadDto> {
  // Where to write is checked first: a refused destination costs no rendering.
  const chosen = input.handle
    ? ctx.files.granted(input.handle, 'write', 'handle')
    : input.path
      ? ctx.files.inDataFolder(input.path, 'write', 'path')
      : null;
  // A running blind session's export is masked like its screens (the store keeps the truth).
  const stored = reports.get(input.reportId);
  const report = ctx.blind.out(stored.sessionId, stored);
  const bytes = await renderExport(report, input.format, ctx.printPdf);
  const path = chosen ?? defaultExportPath(ctx, report, input.format);
  const file = reports.recordFile(input.reportId, input.format, path, bytes);
  if (!input.download) return file;
  return {
    ...file,
    fileName: exportFileName(report, input.format),
    mimeType: EXPORT_MIME_TYPES[input.format],
    contentBase64: bytes.toString('base64'),
  };
}
