import { Result, Schema, SchemaIssue } from "effect"

/**
 * Raised before any request is sent when a request body breaks a documented limit.
 * `message` is one line meant for a person, e.g.
 * "monthly_spend must be a whole number between 0 and 2147483647".
 */
export class RequestValidationError extends Schema.TaggedError<RequestValidationError>()("RequestValidationError", {
  message: Schema.String,
  issues: Schema.Array(Schema.String)
}) {}

const toStandardIssues = SchemaIssue.makeFormatterStandardSchemaV1()

// Effect's own fallbacks ("Missing key", "Expected …"); these need the field name added.
const GENERIC = /^(Missing key|Expected |Invalid data|Unexpected key)/

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`,
    ""
  )

const describe = (issue: { readonly message: string; readonly path?: ReadonlyArray<unknown> | undefined }): string => {
  const path = (issue.path ?? []).map((segment) =>
    typeof segment === "object" && segment !== null && "key" in segment
      ? (segment as { readonly key: PropertyKey }).key
      : segment as PropertyKey
  )
  const where = formatPath(path)
  if (where === "") return issue.message
  if (issue.message === "Missing key") return `${where} is required`
  // Custom messages already name their field; only nested or generic ones get a location.
  return GENERIC.test(issue.message) || path.length > 1 ? `${where}: ${issue.message}` : issue.message
}

/** Every problem in a request-schema failure, one human sentence each, without duplicates. */
export const requestValidationIssues = (error: Schema.SchemaError | SchemaIssue.Issue): ReadonlyArray<string> => {
  const issue = Schema.isSchemaError(error) ? error.issue : error
  return [...new Set(toStandardIssues(issue).issues.map(describe))]
}

/** A request-schema failure as one line, e.g. "name must not be blank; size must be …". */
export const requestValidationMessage = (error: Schema.SchemaError | SchemaIssue.Issue): string =>
  requestValidationIssues(error).join("; ")

const toRequestValidationError = (error: Schema.SchemaError) =>
  new RequestValidationError({ message: requestValidationMessage(error), issues: requestValidationIssues(error) })

// Report every broken rule at once, so a form can show them together.
const allErrors = { errors: "all" } as const

/**
 * The one validation of a request body, where a user's (or another program's) input becomes a
 * request: decodes `input` with the request schema, every broken rule reported at once, in one
 * message style. For the branded request schemas (`UpdateCompanyRequest`, `CreateOrUpdateCompanyRequest`,
 * `CreateNoteRequest`) the value is what core's services take; they do not check it again.
 *
 * ```ts
 * const edit = validateRequest(UpdateCompanyRequest)({ monthly_spend: 10 })
 * if (Result.isFailure(edit)) showError(edit.failure.message)
 * ```
 */
export const validateRequest = <S extends Schema.Codec<unknown, unknown>>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema)
  return (input: unknown): Result.Result<S["Type"], RequestValidationError> =>
    Result.mapError(decode(input, allErrors), toRequestValidationError)
}
