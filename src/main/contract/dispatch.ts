import { type Handlers, methods } from '../../shared/contract';
import { describeIssues, plainIssueMessage } from '../../shared/contract/plain-issues';
import { AppError, type ContractError, type ContractResult, ErrorCode } from '../../shared/errors';
import { storeDamagedFromError } from '../db/open-database';

export type Dispatch = (name: string, input: unknown) => Promise<ContractResult<unknown>>;

/**
 * The one entry point for every contract call, whatever the transport (IPC, WebSocket, CLI):
 * validates the input with the method's schema and never lets an exception cross.
 */
export function createDispatch(
  handlers: Handlers,
  onInternalError: (name: string, error: unknown) => void = () => {},
): Dispatch {
  return async (name, input) => {
    if (!Object.hasOwn(methods, name)) {
      return { ok: false, error: { code: ErrorCode.UNKNOWN_METHOD, message: `Unknown method "${name}"` } };
    }
    const key = name as keyof Handlers;
    // Zod's own wording becomes a plain predicate; a schema's own message still wins.
    const parsed = methods[key].input.safeParse(input ?? {}, { error: plainIssueMessage });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      return {
        ok: false,
        error: {
          code: ErrorCode.INVALID_INPUT,
          message: describeIssues(issues),
          details: { issues },
        },
      };
    }
    try {
      const handler = handlers[key] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toContractError(name, error, onInternalError) };
    }
  };
}

export function toContractError(
  name: string,
  error: unknown,
  onInternalError: (name: string, error: unknown) => void = () => {},
): ContractError {
  if (error instanceof AppError) return error.toContractError();
  onInternalError(name, error);
  const damaged = storeDamagedFromError(error);
  if (damaged) return damaged.toContractError();
  // A bug: say so plainly, keep the stack in main's log, never across the boundary.
  const message = error instanceof Error ? error.message : String(error);
  return { code: ErrorCode.INTERNAL, message: `Internal error in ${name}: ${message}` };
}
