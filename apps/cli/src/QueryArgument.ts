/*
 * A query may start with a negated term (`companies query "-tag:Churn plan:Pro"`), which the
 * command-line parser would take for an unknown flag. After `companies query`, the first argument
 * that starts with one `-` and is not one of the command's short flags is the query: it is moved
 * behind a `--`, where the parser reads it as the positional argument it is. A line that already
 * has a `--` is left as written.
 */

/** Flags of `companies query` and the global ones that take a value (the next argument is theirs). */
const takesValue = new Set([
  "--format",
  "--limit",
  "-n",
  "--db",
  "--token",
  "--token-file",
  "--region",
  "--base-url",
  "--log-level",
  "--completions"
])

/** `-n` (`--limit`) is the command's only short flag; `-n5` is `-n 5`. Help and version keep theirs. */
const isShortFlag = (arg: string) => /^-(n\d*|h|v)$/.test(arg)

export const protectNegatedQuery = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const companies = args.indexOf("companies")
  if (companies < 0 || args[companies + 1] !== "query" || args.includes("--")) return args
  for (let i = companies + 2; i < args.length; i++) {
    const arg = args[i]!
    if (takesValue.has(arg)) {
      i++
      continue
    }
    if (arg.startsWith("-") && !arg.startsWith("--") && arg.length > 1 && !isShortFlag(arg)) {
      return [...args.slice(0, i), ...args.slice(i + 1), "--", arg]
    }
    if (!arg.startsWith("-")) return args // the query is already a plain positional argument
  }
  return args
}
