/*
 * The one redaction of secrets in text meant for people and logs (errors, log lines, help text).
 * Plain TypeScript (no effect), so the extension's activation bundle can use it.
 *
 * Two mechanisms: the known-secret pass removes the exact token wherever it appears (URLs, error
 * messages, JSON bodies echoed back by a server), and the pattern pass catches credentials the
 * caller does not know about (an old token in an error, a token pasted into a URL).
 */

export const REDACTED = "[redacted]"

/** Secrets shorter than this are not matched literally: replacing every "ab" in a text would destroy it. */
const MIN_SECRET_LENGTH = 4

// "Bearer <credential>" anywhere, e.g. an Authorization header echoed in an error. RFC 6750 token68
// characters, plus anything non-blank, so that unusual tokens are still covered.
const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi
// "Authorization: <scheme> <credential>" and "authorization": "<...>" (headers dumped as JSON).
const AUTHORIZATION_HEADER = /\b(authorization"?\s*[:=]\s*"?)(?!Bearer\b)[^\s"',;]+(\s+[^\s"',;]+)?/gi
// access_token=..., "access_token": "...", token:...; the keys people use for credentials. A colon
// counts only after a quoted key or with the value right behind it, so prose such as
// "no access token: set INTERCOM_TOKEN" stays readable.
const TOKEN_FIELD =
  /\b((?:access[_-]?token|api[_-]?key|token|secret|password)(?:"\s*:\s*"?|\s*=\s*"?|:"?(?=[^\s"])))[^\s"',;&]+/gi
// Intercom access tokens are base64 of "tok:<...>", so they start with "dG9rO" wherever they appear.
const INTERCOM_TOKEN = /\bdG9rO[A-Za-z0-9+/_-]{8,}={0,2}/g

/**
 * `text` with every occurrence of a known secret (4 characters or more, longest first) and anything
 * that looks like a credential (a bearer token, an Authorization header, `access_token=`, `"api_key":`,
 * an Intercom token) replaced with `[redacted]`. Idempotent.
 */
export const redact = (text: string, knownSecrets: Iterable<string> = []): string => {
  let out = text
  // Longest first, so that a token containing another known token is removed whole.
  const secrets = [...new Set(knownSecrets)]
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
  for (const secret of secrets) out = out.split(secret).join(REDACTED)
  return out
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(AUTHORIZATION_HEADER, (_m, key: string) => `${key}${REDACTED}`)
    .replace(TOKEN_FIELD, (_m, key: string) => `${key}${REDACTED}`)
    .replace(INTERCOM_TOKEN, REDACTED)
}
