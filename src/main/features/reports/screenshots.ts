import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  type JournalScreenshotDto,
  type JournalScreenshotImageDto,
  MAX_SCREENSHOT_BYTES,
  type ScreenshotKind,
} from '../../../shared/contract/reports';
import { AppError, ErrorCode } from '../../../shared/errors';
import { files, journalScreenshots } from '../../db/schema';
import { getPositionSessionId, getSessionRow } from '../trading';
import type { ReportsDeps } from './deps';
import { storeFile } from './stored-files';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Chart screenshots in the trade journal: PNGs under `<data dir>/journal/<session>/`, each a FILE
 * row (size, md5) linked to its position through JOURNAL_SCREENSHOTS.
 */
export class JournalScreenshotService {
  constructor(private readonly ctx: ReportsDeps) {}

  add(input: { positionId: string; kind: ScreenshotKind; pngBase64: string }): JournalScreenshotDto {
    const sessionId = getPositionSessionId(this.ctx.store, input.positionId);
    // The contract checked the text; the bytes are checked again here, as the CLI calls in too.
    const bytes = Buffer.from(input.pngBase64, 'base64');
    if (bytes.length > MAX_SCREENSHOT_BYTES)
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `The image is ${bytes.length} bytes; the limit is ${MAX_SCREENSHOT_BYTES}`,
      );
    if (bytes.length < 16 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
      throw new AppError(ErrorCode.INVALID_INPUT, 'The image is not a PNG (no PNG signature)');

    const id = this.ctx.newId();
    // The chart shows the replay's time, not today's: the shot is stamped with the session's cursor.
    const replayTs = getSessionRow(this.ctx.store, sessionId).cursorTs;
    const path = join(this.ctx.dataDir, 'journal', sessionId, `${id}.png`);
    const file = storeFile(this.ctx, { path, bytes, entityId: input.positionId }, (f) => {
      this.ctx.store.db
        .insert(journalScreenshots)
        .values({
          id,
          positionId: input.positionId,
          sessionId,
          fileId: f.id,
          kind: input.kind,
          replayTs,
          createdAt: f.createdAt,
          updatedAt: f.createdAt,
        })
        .run();
    });
    return {
      id,
      positionId: input.positionId,
      sessionId,
      kind: input.kind,
      path,
      size: file.size,
      md5: file.md5,
      replayTs,
      createdAt: file.createdAt,
    };
  }

  list(sessionId: string, positionId?: string): JournalScreenshotDto[] {
    getSessionRow(this.ctx.store, sessionId);
    return (
      this.query()
        .where(
          positionId
            ? and(eq(journalScreenshots.sessionId, sessionId), eq(journalScreenshots.positionId, positionId))
            : eq(journalScreenshots.sessionId, sessionId),
        )
        // Ids are random and times are whole seconds: the rowid keeps shots of one second in the order taken.
        .orderBy(asc(journalScreenshots.createdAt), sql`"journal_screenshots"."rowid"`)
        .all()
    );
  }

  read(screenshotId: string): JournalScreenshotImageDto {
    const shot = this.get(screenshotId);
    try {
      return { id: shot.id, pngBase64: readFileSync(shot.path).toString('base64') };
    } catch {
      throw new AppError(ErrorCode.NOT_FOUND, `The screenshot file ${shot.path} is missing`);
    }
  }

  delete(screenshotId: string): { deleted: true } {
    const shot = this.get(screenshotId);
    const link = this.ctx.store.db
      .select({ fileId: journalScreenshots.fileId })
      .from(journalScreenshots)
      .where(eq(journalScreenshots.id, screenshotId))
      .get()!;
    this.ctx.store.sqlite.transaction(() => {
      this.ctx.store.db.delete(journalScreenshots).where(eq(journalScreenshots.id, screenshotId)).run();
      this.ctx.store.db.delete(files).where(eq(files.id, link.fileId)).run();
    })();
    rmSync(shot.path, { force: true });
    return { deleted: true };
  }

  private get(screenshotId: string): JournalScreenshotDto {
    const shot = this.query().where(eq(journalScreenshots.id, screenshotId)).get();
    if (!shot) throw new AppError(ErrorCode.NOT_FOUND, `No journal screenshot ${screenshotId}`);
    return shot;
  }

  private query() {
    return this.ctx.store.db
      .select({
        id: journalScreenshots.id,
        positionId: journalScreenshots.positionId,
        sessionId: journalScreenshots.sessionId,
        kind: journalScreenshots.kind,
        path: files.path,
        size: files.size,
        md5: files.md5,
        replayTs: journalScreenshots.replayTs,
        createdAt: journalScreenshots.createdAt,
      })
      .from(journalScreenshots)
      .innerJoin(files, eq(files.id, journalScreenshots.fileId))
      .$dynamic();
  }
}
