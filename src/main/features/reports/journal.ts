import { eq } from 'drizzle-orm';
import type { JournalEntryDto } from '../../../shared/contract/reports';
import { positionJournal } from '../../db/schema';
import { getPositionSessionId, getSessionRow } from '../trading';
import type { ReportsDeps } from './deps';

type JournalRow = typeof positionJournal.$inferSelect;

const dto = (r: JournalRow): JournalEntryDto => ({
  positionId: r.positionId,
  sessionId: r.sessionId,
  notes: r.notes,
  tags: r.tagsJson,
  rating: r.rating,
  updatedAt: r.updatedAt,
});

/** The trade journal: notes, tags (the report breaks results down by them) and a 1-5 setup rating. */
export class JournalService {
  constructor(private readonly ctx: ReportsDeps) {}

  list(sessionId: string): JournalEntryDto[] {
    getSessionRow(this.ctx.store, sessionId);
    return this.ctx.store.db
      .select()
      .from(positionJournal)
      .where(eq(positionJournal.sessionId, sessionId))
      .all()
      .map(dto);
  }

  save(input: { positionId: string; notes: string; tags: string[]; rating: number | null }): JournalEntryDto {
    const sessionId = getPositionSessionId(this.ctx.store, input.positionId);
    const now = this.ctx.clock.nowSeconds();
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    const row: JournalRow = {
      positionId: input.positionId,
      sessionId,
      notes: input.notes,
      tagsJson: tags,
      rating: input.rating,
      createdAt: now,
      updatedAt: now,
    };
    this.ctx.store.db
      .insert(positionJournal)
      .values(row)
      .onConflictDoUpdate({
        target: positionJournal.positionId,
        set: { notes: row.notes, tagsJson: row.tagsJson, rating: row.rating, updatedAt: now },
      })
      .run();
    return dto(
      this.ctx.store.db
        .select()
        .from(positionJournal)
        .where(eq(positionJournal.positionId, input.positionId))
        .get()!,
    );
  }
}
