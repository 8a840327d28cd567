import { baseUrlRefusal, defaultInsecureHttpOptIn } from "./connection/BaseUrlCheck.js"
import { InsecureBaseUrl } from "./IntercomError.js"

/**
 * The refusal of `baseUrl` as the `InsecureBaseUrl` reason, or `undefined` when it is fine (see
 * `baseUrlRefusal`): `https://`, or `http://` to this machine.
 */
export const insecureBaseUrl = (
  baseUrl: string,
  optIn: string = defaultInsecureHttpOptIn
): InsecureBaseUrl | undefined => {
  const refusal = baseUrlRefusal(baseUrl, optIn)
  return refusal === undefined ? undefined : new InsecureBaseUrl(refusal)
}
