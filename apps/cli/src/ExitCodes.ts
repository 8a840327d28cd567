/**
 * The process exit codes of the command line, so scripts can tell failures apart.
 * Documented in the root help text and in README.md.
 */
export const ExitCode = {
  /** Everything worked. */
  Ok: 0,
  /** Anything not covered below: network failure, server error, unwritable output file, ... */
  Failure: 1,
  /**
   * The command line was wrong: unknown option, missing value, no access token; for the replica, a
   * bad query, no replica yet (run `companies sync`), a --db of another workspace.
   */
  Usage: 2,
  /** Intercom refused the access token (401) or what it may do (403). */
  Auth: 3,
  /** What was asked for does not exist (404). */
  NotFound: 4,
  /** Rate limited (429), another scroll of the app is running (`scroll_exists`), or another sync of the workspace. */
  Busy: 5,
  /**
   * `apply`/`undo` ran to the end but left rows out: conflicts (changed in Intercom since the plan) or
   * failed rows. The counts are on stderr; the result log (--log) lists them.
   */
  Incomplete: 6,
  /** Stopped with Ctrl-C (128 + SIGINT), the shell convention. */
  Interrupted: 130
} as const

export type ExitCode = typeof ExitCode[keyof typeof ExitCode]

/** The exit-code table as help text. */
export const exitCodeHelp = [
  "Exit codes: 0 ok, 1 other failure, 2 usage error (or no token, a bad query, no replica yet),",
  "3 token rejected (401/403), 4 not found (404), 5 rate limited, scroll, sync or apply busy,",
  "6 apply or undo finished with conflicts or failed rows, 130 interrupted (an apply resumes when run again)."
].join(" ")
