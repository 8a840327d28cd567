/**
 * `T` without `readonly`, for building a readonly value field by field. Ours rather than effect's
 * `Types.Mutable`: the simulator's source imports nothing from effect.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] }
