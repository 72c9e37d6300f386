import { describe, expect, it } from 'vitest';
import { familyRows } from '../../../src/renderer/src/features/sessions/session-family';
import type { SessionDto } from '../../../src/shared/dto';

const session = (id: string, parentSessionId: string | null, createdAt = 0) =>
  ({ id, name: id, parentSessionId, branchedAtTs: parentSessionId ? 100 : null, createdAt }) as SessionDto;

describe('the sessions list as families', () => {
  it('puts each branch under its parent, oldest branch first, however deep', () => {
    const rows = familyRows([
      session('b2', 'a', 2),
      session('a', null),
      session('c', null),
      session('b1', 'a', 1),
      session('b1x', 'b1', 3),
    ]);
    expect(rows.map((r) => [r.session.id, r.depth, r.parent?.id ?? null])).toEqual([
      ['a', 0, null],
      ['b1', 1, 'a'],
      ['b1x', 2, 'b1'],
      ['b2', 1, 'a'],
      ['c', 0, null],
    ]);
  });

  it('shows a branch whose parent was deleted on its own', () => {
    expect(familyRows([session('orphan', 'gone')]).map((r) => [r.session.id, r.depth])).toEqual([
      ['orphan', 0],
    ]);
  });
});
