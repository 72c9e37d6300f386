import type { z } from 'zod';

/** One contract method: a zod schema for its input and (as a type only) its result. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: carries the result type; never set at run time. */
  readonly output?: O;
}

/** `method<Result>()(inputSchema)`: the result type is given, the input type is inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
