import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import { newId } from '../services/crypto.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Tag for logs and tests, e.g. `magic-link`, `password-reset`. */
  kind: string;
}

/** Where email goes. An SMTP or provider API implementation satisfies the same interface. */
export interface EmailTransport {
  send(message: EmailMessage & { from: string }): Promise<void>;
}

/** Default transport: one JSON file per message in an outbox folder, and a log line without the body. */
export class OutboxEmailTransport implements EmailTransport {
  constructor(
    private readonly folder: string,
    private readonly log: FastifyBaseLogger,
    private readonly clock: Clock,
  ) {}

  async send(message: EmailMessage & { from: string }): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const id = `${this.clock.now().getTime()}-${newId()}`;
    await writeFile(join(this.folder, `${id}.json`), JSON.stringify(message, null, 2), { mode: 0o600 });
    this.log.info({ emailId: id, kind: message.kind, subject: message.subject }, 'email written to outbox');
  }
}

/** Keeps messages in memory (tests). */
export class MemoryEmailTransport implements EmailTransport {
  readonly sent: (EmailMessage & { from: string })[] = [];
  async send(message: EmailMessage & { from: string }): Promise<void> {
    this.sent.push(message);
  }
  last(to: string, kind?: string) {
    return [...this.sent].reverse().find((m) => m.to === to && (!kind || m.kind === kind));
  }
}
