import { describe, expect, it } from 'vitest';
import { safeError } from '../../src/server/errors.js';

describe('safeError (what reaches the log)', () => {
  const sessionId = '3f1c9a52-7d4e-4b1a-9c2f-0e8d7b6a5c41';
  const tokenHash = 'a3f5c9e1b7d24f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a';

  it('keeps no SQL parameter, even one the database error quotes back', () => {
    const cause = Object.assign(new Error(`invalid input syntax for type uuid: "${sessionId}x"`), {
      code: '22P02',
    });
    const err = Object.assign(
      new Error(
        `Failed query: update "user_sessions" set "is_active" = $1 where "id" = $2\nparams: false,${sessionId}`,
      ),
      { cause },
    );
    const s = safeError(err);
    expect(s.code).toBe('22P02');
    expect(s.message).toMatch(/^query failed \(update "user_sessions"/);
    expect(JSON.stringify(s)).not.toContain(sessionId);
  });

  it('scrubs ids, hashes, emails and tokens from any error message', () => {
    const e = new Error(
      `no session ${sessionId} for token ${tokenHash} of someone@example.test (refresh ${sessionId}.Zx8_kP2qLm9vRt4wYb7nHc3dFg6jKs1a)`,
    );
    const s = JSON.stringify(safeError(e));
    for (const secret of [sessionId, tokenHash, 'someone@example.test', 'Zx8_kP2qLm9vRt4wYb7nHc3dFg6jKs1a']) {
      expect(s).not.toContain(secret);
    }
    expect(safeError(new Error('no user for Stripe customer cus_123')).message).toBe(
      'no user for Stripe customer cus_123',
    );
  });
});
