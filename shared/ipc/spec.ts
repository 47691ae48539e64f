import type { z } from 'zod';

/**
 * How a call behaves, which decides how the main side runs it:
 * - query: reads only; may run while nothing is open if it says so.
 * - mutation: changes the workspace; journaled and fsync'd before the result is returned.
 * - job: a long mutation or computation; reports progress and can be cancelled.
 * - shell: answered by the hosting shell (native dialogs, the OS file manager), not the backend.
 */
export type CallKind = 'query' | 'mutation' | 'job' | 'shell';

export interface CallSpec<S extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: S;
  readonly kind: CallKind;
  /** Phantom: carries the result type. Never set at run time. */
  readonly __output?: O;
}

/** `call<Result>()(schema, kind)`: declare a call whose result type is `Result`. */
export const call =
  <O>() =>
  <S extends z.ZodType>(input: S, kind: CallKind): CallSpec<S, O> => ({ input, kind });

export type InputOf<C> = C extends CallSpec<infer S, unknown> ? z.input<S> : never;
export type ParsedInputOf<C> = C extends CallSpec<infer S, unknown> ? z.output<S> : never;
export type OutputOf<C> = C extends CallSpec<z.ZodType, infer O> ? O : never;
