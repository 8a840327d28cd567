// Errors exactly as Intercom shapes them. Handlers throw ApiError; the request pipeline turns it into
// the body (wire/errors.ts), so no route formats errors itself.

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
  }
}

// The documented codes and messages, one constructor each so routes cannot drift apart.
export const unauthorized = (): ApiError => new ApiError(401, "unauthorized", "Access Token Invalid")
export const companyNotFound = (): ApiError => new ApiError(404, "company_not_found", "Company Not Found")
export const userNotFound = (): ApiError => new ApiError(404, "not_found", "User Not Found")
export const resourceNotFound = (): ApiError => new ApiError(404, "not_found", "Resource Not Found")
export const scrollNotFound = (): ApiError => new ApiError(404, "not_found", "scroll parameter not found")
export const scrollExists = (): ApiError => new ApiError(400, "scroll_exists", "scroll already exists for this app")
export const scrollRestart = (): ApiError =>
  new ApiError(500, "server_error", "Request failed due to an internal network error. Please restart the scroll operation.")
export const badParameter = (name: string): ApiError => new ApiError(400, "bad_request", `bad '${name}' parameter`)
export const parameterInvalid = (message: string, field?: string): ApiError =>
  new ApiError(400, "parameter_invalid", message, field)
export const parameterNotFound = (message: string): ApiError => new ApiError(400, "parameter_not_found", message)
export const invalidTagParameters = (): ApiError => new ApiError(400, "parameter_invalid", "invalid tag parameters")
export const pageLimitReached = (): ApiError => new ApiError(400, "bad_request", "page limit reached, please use scroll API")
export const rateLimitExceeded = (limit: number, windowSeconds: number): ApiError =>
  new ApiError(429, "rate_limit_exceeded", `Exceeded rate limit of ${limit} in ${windowSeconds}_seconds`)
export const versionInvalid = (): ApiError =>
  new ApiError(400, "intercom_version_invalid", "The requested version could not be found")
export const dataAttributeNotFound = (): ApiError =>
  new ApiError(404, "field_not_found", "We couldn't find that data attribute to update")
