// @intercom-explorer/cli: the command tree and its building blocks, for embedding and tests.
// The executable is dist/main.js.
export { cli, version } from "./Cli.js"
export { ExitCode, exitCodeHelp } from "./ExitCodes.js"
export { CommandFailure, UsageFailure } from "./Failures.js"
export { reportError, reportIntercomError, secretsOf } from "./ErrorReport.js"
export { renderTable, type Column } from "./output/Table.js"
