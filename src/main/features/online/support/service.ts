import type {
  AttachmentInput,
  SupportRequestDto,
  SupportSyncDto,
  SupportThreadDto,
} from '../../../../shared/contract/online';
import type { Store } from '../../../db/open-database';
import type { Clock } from '../../../platform/clock';
import type { EventHub } from '../../../platform/events';
import type { FileGrants } from '../../../platform/file-grants';
import type { Timers } from '../../../platform/timers';
import type { AccountService } from '../account';
import { SupportOutbox } from './outbox';
import { SupportSync } from './sync';
import { SupportThreads } from './threads';

export { backoffSeconds, SUPPORT_POLL_MS } from './sync';

export interface SupportServiceOptions {
  store: Store;
  clock: Clock;
  newId: () => string;
  dataDir: string;
  /** Turns an attachment's handle or data-folder path into a path; refuses any other. */
  files: FileGrants;
  events: EventHub;
  account: AccountService;
  timers: Timers;
  /** Milliseconds for the timers (default Date.now); tests pass their fake. */
  nowMs?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Support requests written offline or online: the threads as the trader reads them
 * (threads.ts), the outbox every write lands in (outbox.ts), and the sync that pushes it and pulls
 * the replies (sync.ts).
 */
export class SupportService {
  private readonly threads: SupportThreads;
  private readonly outbox: SupportOutbox;
  private readonly sync: SupportSync;

  constructor(private readonly options: SupportServiceOptions) {
    this.threads = new SupportThreads(options.store);
    this.outbox = new SupportOutbox(options, this.threads, () => this.sync.kick());
    this.sync = new SupportSync(options, this.outbox);
  }

  start(): void {
    this.sync.start();
  }

  stop(): void {
    this.sync.stop();
  }

  idle(): Promise<void> {
    return this.sync.idle();
  }

  kick(): void {
    this.sync.kick();
  }

  list(): SupportRequestDto[] {
    return this.threads.list();
  }

  get(requestId: string, markRead = true): SupportThreadDto {
    return this.threads.get(requestId, markRead);
  }

  create(input: { subject: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    return this.outbox.create(input);
  }

  reply(input: { requestId: string; message: string; attachments: AttachmentInput[] }): SupportThreadDto {
    return this.outbox.reply(input);
  }

  state(): SupportSyncDto {
    const { pending, failed, nextAttemptAt } = this.outbox.counts(this.options.clock.nowSeconds());
    const { error, syncedAt } = this.sync.status();
    return { pending, failed, syncedAt, nextAttemptAt, error };
  }

  async syncNow(): Promise<SupportSyncDto> {
    await this.sync.syncNow();
    return this.state();
  }
}
