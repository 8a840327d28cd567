// Pure: the words of an apply's progress notification and of its end.
import type { ApplyProgress, ApplySummary } from "@intercom-explorer/plans"

const duration = (seconds: number): string => {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  const minutes = Math.round(seconds / 60)
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** "12 of 40 · 3.2/s · about 9 s left". */
export const progressMessage = (p: ApplyProgress): string => {
  const parts = [`${p.done} of ${p.total}`]
  if (p.requestsPerSecond > 0) parts.push(`${p.requestsPerSecond.toFixed(1)}/s`)
  if (p.secondsLeft !== undefined && p.done < p.total) parts.push(`about ${duration(p.secondsLeft)} left`)
  return parts.join(" · ")
}

/** "applied 4, unchanged 0, conflicts 1, failed 0 (created custom.tier, 1 excluded)", and whether it asks for a look. */
export const summaryMessage = (s: ApplySummary, what: "apply" | "undo"): { readonly text: string; readonly clean: boolean } => {
  const counts = `applied ${s.applied}, unchanged ${s.unchanged}, conflicts ${s.conflicts}, failed ${s.failed}`
  const created = s.attributes.filter((a) => a.state === "created").map((a) => `custom.${a.name}`)
  const extra = [
    created.length > 0 ? `created ${created.join(", ")}` : "",
    s.excluded > 0 ? `${s.excluded} excluded` : "",
    s.invalid > 0 ? `${s.invalid} invalid rows left out` : ""
  ].filter((p) => p !== "")
  const tail = extra.length === 0 ? "" : ` (${extra.join(", ")})`
  const verb = what === "undo" ? "Undo" : "Bulk change"
  const text = s.alreadyFinished
    ? `${verb} already done earlier: ${counts}${tail}.`
    : s.cancelled
    ? `${verb} stopped after ${s.applied + s.unchanged + s.conflicts + s.failed} of ${s.total}: ${counts}. Apply again to resume.`
    : `${verb} ${s.resumed ? "resumed and finished" : "finished"}: ${counts}${tail}.`
  return { text, clean: s.conflicts === 0 && s.failed === 0 && !s.cancelled }
}
