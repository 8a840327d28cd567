// Durations as the simulator's flags and fault options spell them: `250`, `250ms`, `2s`.

/**
 * Milliseconds from `N`, `Nms` or `Ns`; a bare number is in `bareUnit`. Not rounded, and
 * `undefined` for anything else, so each caller keeps its own rounding and error message.
 */
export const parseDuration = (text: string, bareUnit: "ms" | "s"): number | undefined => {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim())
  if (match === null) return undefined
  const n = Number(match[1])
  return (match[2] ?? bareUnit) === "s" ? n * 1000 : n
}
