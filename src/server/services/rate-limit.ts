import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { RateLimitRule } from '../config.js';
import type { Db } from '../db/open.js';
import { tooMany } from '../errors.js';

/**
 * Fixed-window counter in the `rate_limits` table: one atomic upsert per hit, so every instance
 * behind a load balancer shares the same budget. Throws a 429 HttpError when over the limit.
 */
export async function hitRateLimit(
  ctx: { db: Db; clock: Clock },
  key: string,
  rule: RateLimitRule,
): Promise<void> {
  const { db } = ctx;
  const nowMs = ctx.clock.now().getTime();
  const now = sql`${new Date(nowMs).toISOString()}::timestamptz`;
  const res = (await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${now}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= ${now} - make_interval(secs => ${rule.windowSeconds})
                   then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= ${now} - make_interval(secs => ${rule.windowSeconds})
                   then ${now} else rate_limits.window_start end
    returning count, window_start`)) as unknown as { rows: { count: number; window_start: string | Date }[] };
  // Now and then, drop windows that ended long ago so the table stays small.
  if (Math.random() < 0.01) {
    await db.execute(sql`delete from rate_limits where window_start < ${now} - interval '1 day'`);
  }
  const row = res.rows[0];
  if (row && Number(row.count) > rule.limit) {
    const started = new Date(row.window_start).getTime();
    const retry = Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - nowMs) / 1000));
    throw tooMany(retry);
  }
}
