import { useCallback, useEffect, useState } from 'react';
import type {
  JournalEntryDto,
  ReportDto,
  ReportFormat,
  ReportListItemDto,
} from '../../../../shared/contract/reports';
import type { SessionDto } from '../../../../shared/dto';
import { api } from '../../shared/contract-client';
import { downloadBase64 } from '../../shared/download';
import { errorMessage } from '../../shared/format';

/** The desktop's native save dialog; absent in browser mode, where an export becomes a browser download. */
const chooseExportFile = window.tickstep?.chooseExportFile;

/** The name the save dialog offers: the session's name and the report's short id. */
export function exportFileName(report: Pick<ReportDto, 'id' | 'sessionName'>, format: ReportFormat): string {
  const safe = report.sessionName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'session';
  return `${safe}-${report.id.slice(0, 8)}.${format}`;
}

/**
 * The reports page's state and contract calls: the sessions and all reports, the session picked
 * and its report shown, that report's journal, and making and exporting reports.
 */
export function useReports(initialSessionId: string | null) {
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(initialSessionId);
  const [all, setAll] = useState<ReportListItemDto[]>([]);
  const [report, setReport] = useState<ReportDto | null>(null);
  const [journal, setJournal] = useState<JournalEntryDto[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    const [s, r] = await Promise.all([api['sessions:list']({}), api['reports:list']({})]);
    setSessions(s);
    setAll(r);
    return r;
  }, []);

  useEffect(() => {
    refresh()
      .then((r) => {
        const first = initialSessionId ?? r[0]?.sessionId ?? null;
        if (first) setSessionId(first);
        const latest = r.find((x) => x.sessionId === first);
        if (latest) return api['reports:get']({ reportId: latest.id }).then(setReport);
        return undefined;
      })
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setLoaded(true));
  }, [refresh, initialSessionId]);

  useEffect(() => {
    if (!report) return;
    api['journal:list']({ sessionId: report.sessionId })
      .then(setJournal)
      .catch(() => setJournal([]));
  }, [report]);

  const pickSession = async (id: string) => {
    setSessionId(id);
    setError(null);
    const latest = all.find((r) => r.sessionId === id);
    setReport(latest ? await api['reports:get']({ reportId: latest.id }) : null);
  };

  const make = async () => {
    if (!sessionId) return;
    setError(null);
    try {
      const r = await api['reports:create']({ sessionId });
      setReport(r);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const exportAs = async (format: ReportFormat) => {
    if (!report) return;
    setError(null);
    setMessage(null);
    try {
      // The desktop asks where to save and passes the dialog's handle on; the page never sees a path.
      const chosen = chooseExportFile
        ? await chooseExportFile({ format, defaultName: exportFileName(report, format) })
        : undefined;
      if (chosen === null) return;
      // One call either way, so one export counts once on the plan.
      const file = await api['reports:export']({
        reportId: report.id,
        format,
        ...(chosen ? { handle: chosen.handle } : { download: true }),
      });
      const size = `${file.size.toLocaleString('en-US')} bytes, md5 ${file.md5}`;
      if ('contentBase64' in file) {
        downloadBase64(file.fileName, file.mimeType, file.contentBase64);
        setMessage(`Downloaded ${file.fileName} (${size})`);
      } else setMessage(`Saved ${file.path} (${size})`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const showReport = (reportId: string) => api['reports:get']({ reportId }).then(setReport);
  /** After a journal edit: the report reads tags from the journal, so "By tag" is re-read too. */
  const reloadJournal = (reportSessionId: string) =>
    Promise.all([
      api['journal:list']({ sessionId: reportSessionId }).then(setJournal),
      report ? api['reports:get']({ reportId: report.id }).then(setReport) : null,
    ]).catch((e) => setError(errorMessage(e)));

  return {
    loaded,
    sessions,
    sessionId,
    all,
    report,
    journal,
    message,
    error,
    dismissError: () => setError(null),
    pickSession,
    showReport,
    make,
    exportAs,
    reloadJournal,
  };
}
