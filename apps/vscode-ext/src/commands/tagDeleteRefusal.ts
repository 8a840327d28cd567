// Pure: Intercom refuses to delete a tag that segments use (400 tag_has_dependent_objects,
// "Unable to delete Tag with dependent objects. Segments: Churn watch."); say so in plain words.

/** The segment names in Intercom's message, if it lists them. */
const dependentSegments = (intercomMessage: string | undefined): Array<string> => {
  const match = /Segments?:\s*(.+?)\.?\s*$/i.exec(intercomMessage ?? "")
  if (match === null) return []
  return match[1]!.split(",").map((s) => s.trim()).filter((s) => s.length > 0)
}

export const tagDeleteRefusal = (tagName: string, intercomMessage: string | undefined): string => {
  const segments = dependentSegments(intercomMessage)
  const which = segments.length === 0 ? "" : `: ${segments.join(", ")}`
  return `Tag '${tagName}' can't be deleted because segment(s) depend on it${which}. Remove it from those segments in Intercom first.`
}
