import type { EventName, Handlers } from '../../../shared/contract';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { BlindMask } from './mask';
import type { BlindRegistry } from './registry';

/** Methods that would show the future or the past out of order: refused until the session ends. */
const LOCKED: Partial<Record<string, string>> = {
  'replay:jump': 'Jumping is locked in a blind session until it ends; step or play instead',
};

function sessionIdOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const sessionId = (value as { sessionId?: unknown }).sessionId;
  return typeof sessionId === 'string' ? sessionId : null;
}

/** A SessionDto (sessions:list, blind:start) names its session by `id`. */
function ownSessionId(value: object): string | null {
  const v = value as { id?: unknown; cursorTs?: unknown; instrumentId?: unknown };
  return typeof v.id === 'string' && typeof v.cursorTs === 'number' && typeof v.instrumentId === 'string'
    ? v.id
    : null;
}

/**
 * Masks every part of `value` that belongs to a running blind session, found by its `sessionId`
 * (or a session's own id), however deep: lists mixing blind and ordinary sessions stay correct.
 */
export function maskDeep(registry: BlindRegistry, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => maskDeep(registry, v));
  if (value === null || typeof value !== 'object') return value;
  const sessionId = sessionIdOf(value) ?? ownSessionId(value);
  const mask = sessionId ? registry.maskFor(sessionId) : null;
  if (mask) return mask.out(value);
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = maskDeep(registry, v);
  return copy;
}

function maskedError(error: unknown, mask: BlindMask): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(
    error.code,
    mask.text(error.message),
    error.details === undefined ? undefined : mask.out(error.details),
  );
}

/**
 * The one place blind sessions are disguised (issue 18): every contract method, whatever the
 * transport (desktop, browser mode, the CLI, the automation API), reads and writes through here.
 * An input naming a running blind session is unmasked before the handler sees it and its whole
 * result masked; any other result is searched for blind sessions' parts.
 */
export function maskBlindSessions(handlers: Handlers, registry: BlindRegistry): Handlers {
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[name] = async (input: unknown) => {
      const sessionId = sessionIdOf(input);
      if (!sessionId) {
        // Checked after the call: blind:start makes the session its own answer must hide.
        const result = await handler(input);
        return registry.anyRunning() ? maskDeep(registry, result) : result;
      }
      const mask = registry.maskFor(sessionId);
      if (!mask) return handler(input);
      const locked = LOCKED[name];
      if (locked) throw new AppError(ErrorCode.FORBIDDEN, locked, { field: 'sessionId' });
      let result: unknown;
      try {
        result = await handler(mask.in(input));
      } catch (error) {
        throw maskedError(error, mask);
      }
      // The step that reached the end of the data reveals at once: its own answer shows as stored.
      return registry.maskFor(sessionId) ? mask.out(result) : result;
    };
  }
  return wrapped as unknown as Handlers;
}

/** The same for pushes (replay ticks, stops): what leaves for the renderer or a bot is masked. */
export function maskBlindEvent(registry: BlindRegistry, _name: EventName, payload: unknown): unknown {
  return registry.anyRunning() ? maskDeep(registry, payload) : payload;
}
