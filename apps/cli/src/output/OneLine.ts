/**
 * A message squeezed onto one line; Effect's "Did you mean this?" block becomes "(did you mean X?)".
 */
export const oneLine = (text: string): string => {
  const [head = "", suggestions] = text.split(/\n+\s*Did you mean this\?\s*\n/)
  const hint = suggestions === undefined
    ? ""
    : ` (did you mean ${suggestions.split("\n").map((s) => s.trim()).filter((s) => s !== "").join(" or ")}?)`
  return `${head.replace(/\s*\n\s*/g, " ").trim()}${hint}`
}
