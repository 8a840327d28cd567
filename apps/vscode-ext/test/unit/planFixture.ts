import type { Operation, Plan } from "@intercom-explorer/plans"

const op = (seq: number, fields: Partial<Operation>): Operation => ({
  seq,
  kind: "update",
  id: `id${seq}`,
  companyId: `10000${seq}`,
  label: `Company ${seq}`,
  updatedAt: 1_700_000_000,
  changes: [],
  tags: [],
  row: seq + 1,
  ...fields
})

/** A plan as a CSV import makes it: two updates, a create, a tag-only change, two invalid rows. */
export const samplePlan = (): Plan => ({
  format: "intercom-explorer/plan",
  version: 1,
  id: "plan-1",
  createdAt: "2026-12-02T06:00:00.000Z",
  workspace: { appId: "app1" },
  source: { kind: "file", file: "/demo/companies-import.csv", format: "csv", match: "company_id", create: true },
  summary: { creates: 1, updates: 2, tagChanges: 1, deletes: 0, unchanged: 1, invalid: 2 },
  operations: [
    op(1, { changes: [{ field: "size", before: 34, after: 50 }, { field: "custom.tier", before: null, after: "gold" }], tags: [{ tag: "VIP", action: "add" }] }),
    op(2, { changes: [{ field: "name", before: "Old Name", after: "New Name" }] }),
    op(3, { kind: "create", id: null, companyId: "900001", label: "Brand New Co", updatedAt: null, changes: [{ field: "name", before: null, after: "Brand New Co" }, { field: "plan", before: null, after: "Pro" }], tags: [] }),
    op(4, { tags: [{ tag: "Churn risk", action: "remove" }] })
  ],
  invalid: [
    { row: 7, key: "100006", reasons: ["column \"size\": Expected a whole number, got \"lots\""] },
    { row: 8, key: "999999", reasons: ["no company with company_id 999999"] }
  ],
  warnings: []
})
