import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { TickstepApp } from '../app/open-app';

/** Calls a contract method through the same dispatcher the UI uses; a failure becomes an AppError. */
export async function callMethod<K extends MethodName>(
  app: TickstepApp,
  name: K,
  input: MethodInput<K>,
): Promise<MethodOutput<K>> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.value as MethodOutput<K>;
}
