// Intercom-Version handling. The simulator speaks 2.11 semantics; later 2.x versions are accepted
// because the official SDKs send them (intercom-client 7 sends 2.14) and the endpoints we serve
// did not change shape incompatibly after 2.11. A missing header means "the app's version", which
// for the simulated app is 2.11. Anything else (1.x, 2.0-2.10, Unstable/Preview, garbage) is
// answered with Intercom's 400 intercom_version_invalid rather than being silently served with
// semantics the client did not ask for.

export const isAcceptedVersion = (header: string | undefined): boolean => {
  if (header === undefined || header === "") return true
  const match = /^2\.(\d{1,3})$/.exec(header.trim())
  return match !== null && Number(match[1]) >= 11
}
