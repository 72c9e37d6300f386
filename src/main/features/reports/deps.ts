import type { Store } from '../../db/open-database';
import type { Clock } from '../../platform/clock';
import type { EventHub } from '../../platform/events';
import type { FileGrants } from '../../platform/file-grants';
import type { NewId } from '../../platform/ids';
import type { PrintPdf } from '../../platform/pdf';
import type { QuotaGate } from '../plan';

/** Everything the reports feature needs, all required: a capability that is absent here is a null object. */
export interface ReportsDeps {
  store: Store;
  events: EventHub;
  clock: Clock;
  newId: NewId;
  /** The local profile that owns sessions, datasets and ledger entries. */
  userId: string;
  dataDir: string;
  /** Turns an export's handle or data-folder path into a path; refuses any other. */
  files: FileGrants;
  /** Plan limits on report exports. */
  quotas: QuotaGate;
  /** HTML to PDF: Electron's printToPDF in the desktop app, else Chromium through playwright-core. */
  printPdf: PrintPdf;
  /** Masks a running blind session's report for its exports; passes any other value through. */
  blind: { out<T>(sessionId: string, value: T): T };
}
