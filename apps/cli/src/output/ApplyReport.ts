import type { ApplyProgress, ApplySummary } from "@intercom-explorer/plans"
import { formatCount, formatElapsed } from "./ProgressReporter.js"

/*
 * The words of `apply` and `undo` on stderr: the progress line while it runs and the summary line
 * at the end. Counts only: the result log (--log) has every row.
 */

const seconds = (s: number): string => (s < 90 ? `${Math.ceil(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`)

/** `412/1,000 companies (398 applied, 12 unchanged, 2 conflicts, 0 failed), 16.4 requests/s, 36 s left`. */
export const applyProgressLine = (p: ApplyProgress): string =>
  `${formatCount(p.done)}/${formatCount(p.total)} companies (${formatCount(p.applied)} applied, ` +
  `${formatCount(p.unchanged)} unchanged, ${formatCount(p.conflicts)} conflicts, ${formatCount(p.failed)} failed), ` +
  `${p.requestsPerSecond.toFixed(1)} requests/s${p.secondsLeft === undefined ? "" : `, ${seconds(p.secondsLeft)} left`}`

/** The counts of a finished (or cancelled) run, as one line. */
const applyCountsLine = (s: ApplySummary): string =>
  [
    `${formatCount(s.applied)} applied`,
    `${formatCount(s.unchanged)} unchanged`,
    `${formatCount(s.conflicts)} conflicts`,
    `${formatCount(s.failed)} failed`,
    `${formatCount(s.invalid)} invalid`,
    `${formatCount(s.excluded)} excluded`
  ].join(", ") + ` (${formatCount(s.total)} ${s.total === 1 ? "operation" : "operations"})`

const ATTRIBUTE_STATE = { created: "created", existed: "already defined", excluded: "excluded, not created" } as const

/** `; attributes: custom.tier (string) created, custom.seats (integer) already defined`, or nothing. */
const attributesText = (s: ApplySummary): string =>
  s.attributes.length === 0
    ? ""
    : `; attributes: ${s.attributes.map((a) => `custom.${a.name} (${a.dataType}) ${ATTRIBUTE_STATE[a.state]}`).join(", ")}`

/** The summary line of `apply`/`undo` (`verb` "applied"/"undone"). */
export const applySummaryLine = (s: ApplySummary, what: string, elapsedMs: number): string => {
  if (s.alreadyFinished) return `${what} ${s.planId} was already finished: nothing to do (${applyCountsLine(s)}${attributesText(s)})`
  const head = s.cancelled ? `${what} ${s.planId} stopped; run the same command to resume` : `${what} ${s.planId}${s.resumed ? " (resumed)" : ""} done`
  return `${head}: ${applyCountsLine(s)}${attributesText(s)} in ${formatElapsed(elapsedMs)}`
}

/** Whether the run left rows out that the user must look at (exit 6). */
export const isIncomplete = (s: ApplySummary): boolean => s.conflicts > 0 || s.failed > 0
