import type { CompanyRow } from "../../src/tree/model/CompanyRow.ts"

/** A company row for the models' tests: only the id is needed, every other field can be given. */
export const row = (id: string, fields: Partial<Omit<CompanyRow, "id">> = {}): CompanyRow => ({
  id,
  companyId: undefined,
  name: undefined,
  plan: undefined,
  size: undefined,
  userCount: undefined,
  monthlySpend: undefined,
  website: undefined,
  industry: undefined,
  tags: [],
  segments: [],
  ...fields
})
