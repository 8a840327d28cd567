import type { HttpMethod, IntercomError } from "@intercom-explorer/http"
import { validateRequest } from "@intercom-explorer/models"
import { Effect, Schema } from "effect"
import { invalidRequest } from "./RequestPath.js"

/**
 * A body core builds from a method's plain arguments (a tag name, company ids), validated once with
 * models' `validateRequest`: a bad value fails with the InvalidRequest reason, in the models' words,
 * before any request. Bodies a caller hands in whole arrive validated (branded) and skip this.
 */
export const requestBody = <S extends Schema.Codec<any, any>>(
  schema: S,
  method: HttpMethod,
  requestPath: string,
  value: S["Encoded"]
): Effect.Effect<S["Type"], IntercomError> =>
  Effect.fromResult(validateRequest(schema)(value)).pipe(
    Effect.mapError((error) => invalidRequest(method, requestPath, error.message))
  )

/** Accepts any JSON (or an empty body): for endpoints whose answer carries nothing we use. */
export const Ignored = Schema.Unknown
