// How the serialisers in wire/ are typed from @intercom-explorer/models. The imports from models
// are type-only (`import type`), so nothing of models or effect runs in the simulator: the server
// and the extension's demo bundle stay as light as before.
//
// A serialiser writes its object literal `satisfies Sent<typeof X.Encoded>`, X being models'
// schema of that object. `Sent` asks for every key of the schema: a field models adds is a type
// error in the serialiser until the simulator sends it or writes it as `undefined` (not sent). A
// key models does not know is an error too (excess property check). An optional key may hold
// `undefined`, which JSON.stringify leaves out, as Intercom leaves out what it does not know.

type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false

/** `T` as JSON.stringify reads it: an optional key may also hold `undefined` (it is left out). */
type Stringified<T> =
  T extends ReadonlyArray<infer E>
    ? ReadonlyArray<Stringified<E>>
    : T extends object
      ? string extends keyof T
        ? T // records (custom attributes) pass as they are
        : { readonly [K in keyof T]: Stringified<T[K]> | (IsOptional<T, K> extends true ? undefined : never) }
      : T

/** Every key of the wire type `T` written out; `undefined` on an optional key means "not sent". */
export type Sent<T> = {
  readonly [K in keyof T]-?: Stringified<Exclude<T[K], undefined>> | (IsOptional<T, K> extends true ? undefined : never)
}

/** What JSON.parse gives back for a serialised `T`: the keys that held `undefined` are absent. */
export type Parsed<T> = {
  readonly [K in keyof T as undefined extends T[K] ? never : K]: T[K]
} & {
  readonly [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}
