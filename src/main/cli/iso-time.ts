import { AppError, ErrorCode } from '../../shared/errors';

/** UTC seconds to ISO 8601 UTC ('2019-01-02T00:00:00Z'): how the CLI shows every time. */
export const isoUtc = (ts: number): string => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

/** Reads an ISO date or date-time flag; without an offset it is UTC. */
export function parseIsoFlag(name: string, value: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00Z`
    : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value)
      ? value
      : `${value}Z`;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new AppError(ErrorCode.INVALID_INPUT, `--${name} "${value}" is not an ISO 8601 date or date-time`);
  }
  return Math.floor(ms / 1000);
}
