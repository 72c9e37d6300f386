import type { SessionDto } from '../../../../shared/dto';

export interface FamilyRow {
  session: SessionDto;
  /** 0 for a session started fresh (or whose parent is gone), 1 for its branch, and so on. */
  depth: number;
  parent: SessionDto | null;
}

/**
 * The sessions list as families: each session followed by its branches (oldest first), each
 * branch by its own. The roots keep the list's order.
 */
export function familyRows(sessions: readonly SessionDto[]): FamilyRow[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const children = new Map<string, SessionDto[]>();
  for (const s of sessions) {
    if (s.parentSessionId && byId.has(s.parentSessionId)) {
      const list = children.get(s.parentSessionId) ?? [];
      list.push(s);
      children.set(s.parentSessionId, list);
    }
  }
  const rows: FamilyRow[] = [];
  const visit = (s: SessionDto, depth: number) => {
    rows.push({ session: s, depth, parent: depth > 0 ? byId.get(s.parentSessionId!)! : null });
    const kids = [...(children.get(s.id) ?? [])].sort(
      (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    );
    for (const kid of kids) visit(kid, depth + 1);
  };
  for (const s of sessions) {
    if (!s.parentSessionId || !byId.has(s.parentSessionId)) visit(s, 0);
  }
  return rows;
}
