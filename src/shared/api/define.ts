import type { z } from 'zod';

/**
 * One contract method: its input schema (validated at both transports) and, as a phantom type, its
 * output. `defineMethod<Out>()(schema)` keeps the output type without a runtime value.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Phantom: never set at runtime; carries the output type. */
  readonly __out?: O;
}

export function defineMethod<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}
