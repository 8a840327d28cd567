import type { Company } from "@intercom-explorer/core"
import { currentValue, hasTag, sameValue } from "../FieldValues.js"
import type { FieldChange, FieldValue, TagChange } from "../PlanFile.js"

/** What a company's operation changes: only fields whose value differs, only tags it lacks or has. */
export interface CompanyChanges {
  readonly changes: ReadonlyArray<FieldChange>
  readonly tags: ReadonlyArray<TagChange>
}

/**
 * The changes that bring `company` to `values` and give it `add` / take `remove` tags. A missing
 * company (a create) has null before every field and no tags.
 */
export const diffCompany = (
  company: Company | undefined,
  values: ReadonlyMap<string, FieldValue>,
  add: ReadonlyArray<string>,
  remove: ReadonlyArray<string> = []
): CompanyChanges => {
  const changes: Array<FieldChange> = []
  for (const [field, after] of values) {
    const before = company === undefined ? null : currentValue(company, field)
    // The apply's own comparison, so the reviewed diff is what the apply will write.
    if (!sameValue(before, after)) changes.push({ field, before, after })
  }
  const tags: Array<TagChange> = []
  for (const tag of add) if (company === undefined || !hasTag(company, tag)) tags.push({ tag, action: "add" })
  if (company !== undefined) for (const tag of remove) if (hasTag(company, tag)) tags.push({ tag, action: "remove" })
  return { changes, tags }
}

/** The label a person reads: the company's name, else its company_id, else its id. */
export const companyLabel = (company: Company | undefined, values: ReadonlyMap<string, FieldValue>, key: string | null): string => {
  const name = company?.name ?? values.get("name")
  return typeof name === "string" && name !== "" ? name : company?.company_id ?? key ?? company?.id ?? ""
}
