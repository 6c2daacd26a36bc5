import type { z } from 'zod';

/** One request method: the schema its input must pass, and (type only) what it returns. */
export interface MethodDef<S extends z.ZodType, O> {
  input: S;
  /** phantom: never read at run time, carries the output type */
  output?: O;
}

/** `method<Output>()(inputSchema)`: the output is a type parameter, the input a schema checked at run time. */
export const method =
  <O>() =>
  <S extends z.ZodType>(input: S): MethodDef<S, O> => ({ input });
