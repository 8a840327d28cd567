import { Company } from "@intercom-explorer/models"
import { IntercomError, InvalidResponse, makeFastDecoder, summarizeSchemaError } from "@intercom-explorer/http"
import { Effect, Schema } from "effect"

/**
 * A scroll page as the producer reads it: only the envelope is checked, the companies stay raw.
 * Taking the scroll_param from the cheap envelope lets the next page's request go out while the
 * consumer side decodes this page's companies with the full `Company` schema.
 */
export const ScrollEnvelope = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Schema.Unknown),
  scroll_param: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type ScrollEnvelope = typeof ScrollEnvelope.Type

/** The id a raw company is de-duplicated by; a company without one is left for the decoder to reject. */
export const rawCompanyId = (raw: unknown): string | undefined => {
  const id = (raw as { readonly id?: unknown } | null)?.id
  return typeof id === "string" ? id : undefined
}

// Most pages pass the compiled fast path; a page it cannot prove valid gets the full decoder.
const decodeCompanies = makeFastDecoder(Schema.Array(Company))

/** Decodes one page's fresh companies, failing the way the HTTP layer reports a bad body. */
export const decodeScrolledCompanies = (raw: ReadonlyArray<unknown>) =>
  decodeCompanies(raw).pipe(
    Effect.mapError((error) =>
      new IntercomError({
        reason: new InvalidResponse({ detail: summarizeSchemaError(error), malformed: false }),
        method: "GET",
        path: "/companies/scroll",
        status: 200
      })
    )
  )
