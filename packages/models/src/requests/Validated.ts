import { Schema } from "effect"

/**
 * Puts one human sentence on a request field, on both its type and its rule, so
 * `"abc"`, `-1` and `1.5` all explain the same rule, e.g. "monthly_spend must be a
 * whole number between 0 and 2147483647". Checks run on decode and on encode, so
 * a bad edit fails before any request is made.
 */
export const validated = <S extends Schema.Top>(
  schema: S,
  message: string,
  predicate: (value: S["Type"]) => boolean
) => schema.annotate({ message }).check(Schema.makeFilter((value: S["Type"]) => predicate(value), { message }))

/** Marks a struct field as required, with a human message when it is missing. */
export const requiredField = <S extends Schema.Top>(schema: S, message: string) =>
  schema.pipe(Schema.annotateKey({ messageMissingKey: message }))

/** A string with something other than whitespace in it. */
export const isNotBlank = (s: string): boolean => s.trim().length > 0
