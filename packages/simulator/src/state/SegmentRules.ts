import type { CompanyRecord, SegmentRule } from "./Records.js"

// Segment rules are evaluated against the live company, never cached per segment, so that a PUT or
// a tag moves a company in or out of a segment on the very next request.

export const matchesRule = (
  rule: SegmentRule,
  company: CompanyRecord,
  hasTag: (tagId: string) => boolean
): boolean => {
  switch (rule.kind) {
    case "plan":
      return company.plan?.name === rule.name
    case "industry":
      return company.industry === rule.value
    case "minSize":
      return company.size !== undefined && company.size >= rule.value
    case "minMonthlySpend":
      return company.monthlySpend >= rule.value
    case "customAttribute":
      return company.customAttributes[rule.key] === rule.value
    case "tag":
      return hasTag(rule.tagId)
    case "all":
      return rule.rules.every((r) => matchesRule(r, company, hasTag))
  }
}

/** Whether deleting the tag would break the rule (Intercom refuses with tag_has_dependent_objects). */
export const ruleDependsOnTag = (rule: SegmentRule, tagId: string): boolean => {
  switch (rule.kind) {
    case "tag":
      return rule.tagId === tagId
    case "all":
      return rule.rules.some((r) => ruleDependsOnTag(r, tagId))
    default:
      return false
  }
}

/** Whether the rule reads the custom attribute `name` (Intercom refuses to archive it: 422). */
export const ruleDependsOnAttribute = (rule: SegmentRule, name: string): boolean => {
  switch (rule.kind) {
    case "customAttribute":
      return rule.key === name
    case "all":
      return rule.rules.some((r) => ruleDependsOnAttribute(r, name))
    default:
      return false
  }
}
