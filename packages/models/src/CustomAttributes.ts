import { Schema } from "effect"

/**
 * Custom attributes as returned by the API. The 2.11 spec types the values as
 * strings, but its own example (and real data) carries booleans, numbers and
 * nulls, and Intercom's Fern overrides relax it to `additionalProperties: true`,
 * so any JSON value is accepted.
 */
export const CustomAttributes = Schema.Record(Schema.String, Schema.Json)
export type CustomAttributes = typeof CustomAttributes.Type
