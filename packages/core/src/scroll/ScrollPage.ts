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

/** A company the scroll could not decode: its id (when it has a string one), why, and the JSON as sent. */
export interface UndecodableCompany {
  readonly id: string | undefined
  readonly problem: string
  readonly raw: unknown
}

/**
 * Decodes a page, and when the page fails, each company on its own: the good ones come back, each
 * bad one goes to `onUndecodable` and leaves an `undefined` in its place (chunks stay non-empty).
 */
export const decodeScrolledCompaniesEach = (
  raw: ReadonlyArray<unknown>,
  onUndecodable: (company: UndecodableCompany) => void
): Effect.Effect<ReadonlyArray<Company | undefined>> =>
  decodeScrolledCompanies(raw).pipe(
    Effect.catch(() =>
      Effect.forEach(raw, (one) =>
        decodeScrolledCompanies([one]).pipe(
          Effect.map((companies): Company | undefined => companies[0]),
          Effect.catch((error) =>
            Effect.sync(() => {
              const problem = error.reason._tag === "InvalidResponse" ? error.reason.detail : error.message
              onUndecodable({ id: rawCompanyId(one), problem, raw: one })
              return undefined
            })
          )
        ))
    )
  )
