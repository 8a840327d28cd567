// Every identifier the extension shares with package.json `contributes`, in one place, so that code,
// tests and the manifest cannot drift apart silently (the integration tests compare them).

export const EXTENSION_ID = "intercom-explorer.intercom-explorer"

export const VIEW_CONTAINER_ID = "intercom"

export const Views = {
  companies: "intercom.companies",
  segments: "intercom.segments",
  tags: "intercom.tags"
} as const

export const Commands = {
  signIn: "intercom.signIn",
  signOut: "intercom.signOut",
  showLogs: "intercom.showLogs",
  openDemo: "intercom.openDemo"
} as const

/** Context keys read by `when` clauses in package.json (viewsWelcome, menus). */
export const ContextKeys = {
  /** true while an access token is stored; drives the signed-out welcome content. */
  signedIn: "intercom.signedIn"
} as const

/** The settings section; every setting is `intercom.<name>`. */
export const CONFIG_SECTION = "intercom"
