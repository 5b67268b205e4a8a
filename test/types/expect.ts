// Helpers of the compile-only type tests: an exact type equality, checked by tsc (never run).

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its type argument is `true`: `expectType<Equal<X, Y>>(true)`. */
export function expectType<T extends true>(_ok: T): void {}
