import { resolve } from 'node:path';
import { REPORT_FORMATS, type ReportFormat } from '../../shared/contract/reports';
import { AppError, ErrorCode } from '../../shared/errors';
import { callMethod } from './call';
import { type CliCommand, stringFlag } from './command';
import { metricsOut, stringifyWithMoney } from './replay';

export const reportCommand: CliCommand = {
  name: 'report',
  summary:
    'Makes a report of a session now and prints it (json) or exports it (html, csv trade list, pdf); exports are recorded with size and md5.',
  usage: 'report SESSION_ID [--format json|html|csv|pdf] [--out PATH] [--data-dir DIR]',
  valueFlags: ['format', 'out'],
  async run(args, getApp, io) {
    const sessionId = args.positionals[0];
    if (!sessionId) throw new AppError(ErrorCode.INVALID_INPUT, 'report needs a SESSION_ID');
    const format = (stringFlag(args, 'format') ?? 'json').toLowerCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new AppError(ErrorCode.INVALID_INPUT, `--format must be one of ${REPORT_FORMATS.join(', ')}`);
    }
    const out = stringFlag(args, 'out');
    const app = getApp();
    const report = await callMethod(app, 'reports:create', { sessionId });
    if (format === 'json' && !out) {
      const { files: _files, summary, equityCurve, trades, ...head } = report;
      const body = {
        report: metricsOut(head),
        summary: metricsOut(summary),
        equityCurve: metricsOut(equityCurve),
        trades: metricsOut(trades),
      };
      io.out(stringifyWithMoney(body));
      return 0;
    }
    const file = await callMethod(app, 'reports:export', {
      reportId: report.id,
      format: format as ReportFormat,
      // The trader's own shell may write anywhere: through a handle it grants itself.
      ...(out ? { handle: app.files.grant(resolve(out), 'write') } : {}),
    });
    io.out(
      args.flags.json === true
        ? JSON.stringify({ report: report.id, file })
        : `Wrote ${file.path} (${file.size} bytes, md5 ${file.md5})`,
    );
    return 0;
  },
};
