import type { Store } from '../../db/open-database';

export type Mark = 'sample-seeded' | 'checklist-dismissed' | 'step' | 'bracket-buy' | 'play' | 'report';

/** The onboarding marks of one user: each is set once, with the time it first happened. */
export class MarkStore {
  /**
   * Marks known to be stored: every step and order passes through `set`, so a mark already there
   * costs no write. Only marks that are never unset are remembered (another window may undo one).
   */
  private readonly stored = new Set<Mark>();

  constructor(
    private readonly store: Store,
    private readonly userId: string,
  ) {}

  all(): Map<Mark, number> {
    const rows = this.store.sqlite
      .prepare('select mark, at from onboarding_marks where user_id = ?')
      .all(this.userId) as { mark: Mark; at: number }[];
    return new Map(rows.map((r) => [r.mark, r.at]));
  }

  has(mark: Mark): boolean {
    return (
      this.store.sqlite
        .prepare('select 1 from onboarding_marks where user_id = ? and mark = ?')
        .get(this.userId, mark) !== undefined
    );
  }

  /** Sets a mark; true when it was not set before. */
  set(mark: Mark, at: number): boolean {
    if (this.stored.has(mark)) return false;
    const result = this.store.sqlite
      .prepare('insert into onboarding_marks (user_id, mark, at) values (?, ?, ?) on conflict do nothing')
      .run(this.userId, mark, at);
    if (mark !== 'checklist-dismissed') this.stored.add(mark);
    return result.changes > 0;
  }

  unset(mark: Mark): void {
    this.store.sqlite
      .prepare('delete from onboarding_marks where user_id = ? and mark = ?')
      .run(this.userId, mark);
  }
}
