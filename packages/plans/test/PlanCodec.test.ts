import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readPlanFile, summarizePlan, writePlanFile } from "../src/PlanCodec.js"
import { isExcludedOperation, type Operation, operationKind, type Plan } from "../src/PlanFile.js"
import { tempDir } from "./support/Simulator.js"

const operation = (seq: number, overrides: Partial<Operation> = {}): Operation => ({
  seq,
  kind: "update",
  id: `id-${seq}`,
  companyId: `c-${seq}`,
  label: `Company ${seq}`,
  updatedAt: 1_700_000_000,
  changes: [{ field: "plan", before: "Basic", after: "Pro" }],
  tags: [],
  row: seq + 1,
  ...overrides
})

const plan: Plan = {
  format: "intercom-explorer/plan",
  version: 1,
  id: "3b1f0c1e-0000-4000-8000-000000000001",
  createdAt: "2026-12-02T05:00:00.000Z",
  workspace: { appId: "abc123" },
  source: { kind: "file", file: "changes.csv", format: "csv", match: "company_id", create: false },
  summary: { creates: 0, updates: 2, tagChanges: 0, deletes: 0, unchanged: 1, invalid: 1 },
  operations: [
    operation(1),
    operation(2, { changes: [{ field: "custom.seats", before: null, after: 4, excluded: true }, { field: "size", before: 3, after: 4 }] })
  ],
  invalid: [{ row: 9, key: "c-9", reasons: [`column "size" ("lots"): size must be a whole number of employees (0 or more)`] }],
  warnings: []
}

/** The PlanFileInvalid detail of reading `text` as a plan file. */
const detailOf = (text: string) =>
  Effect.gen(function*() {
    const file = path.join(yield* tempDir, "plan.json")
    writeFileSync(file, text)
    const error = yield* Effect.flip(readPlanFile(file))
    const reason = error.reason
    assert.strictEqual(reason._tag, "PlanFileInvalid")
    return (reason as { detail: string }).detail
  })

describe("the plan file: read back exactly, refused with a precise reason", () => {
  it.effect("write then read gives the same plan; 2-space JSON; no temporary file left", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "plan.json")
      yield* writePlanFile(file, plan)
      assert.deepStrictEqual(yield* readPlanFile(file), plan)
      const text = readFileSync(file, "utf8")
      assert.isTrue(text.startsWith(`{\n  "format": "intercom-explorer/plan",\n  "version": 1,`))
      assert.deepStrictEqual(readdirSync(dir), ["plan.json"])
      // Written again over itself (an edit saved): replaced whole.
      yield* writePlanFile(file, { ...plan, warnings: ["w"] })
      assert.deepStrictEqual((yield* readPlanFile(file)).warnings, ["w"])
      assert.deepStrictEqual(readdirSync(dir), ["plan.json"])
    }))

  it.effect("a write into a missing folder fails and leaves nothing", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const error = yield* Effect.flip(writePlanFile(path.join(dir, "no", "plan.json"), plan))
      assert.match(error.message, /plan\.json/)
      assert.deepStrictEqual(readdirSync(dir), [])
    }))

  it.effect("not JSON: the parser's reason at its line", () =>
    Effect.gen(function*() {
      const text = JSON.stringify(plan, null, 2).replace(`"version": 1,`, `"version": 1,,`)
      const detail = yield* detailOf(text)
      assert.match(detail, /^not JSON: .* at line 3$/)
    }))

  it.effect("another format, no format, a newer version, an unknown version", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* detailOf(JSON.stringify({ ...plan, format: "something/else" })), `format is not intercom-explorer/plan (it is "something/else")`)
      assert.strictEqual(yield* detailOf(JSON.stringify({ hello: 1 })), "format is not intercom-explorer/plan (no format)")
      assert.strictEqual(yield* detailOf(JSON.stringify({ ...plan, version: 2 })), "version 2 is newer than this version reads (1)")
      assert.strictEqual(yield* detailOf(JSON.stringify({ ...plan, version: "1" })), `version "1" is not a version this version reads (1)`)
      assert.strictEqual(yield* detailOf("[1]"), "not a JSON object")
    }))

  it.effect("a broken field names its path", () =>
    Effect.gen(function*() {
      const broken = structuredClone(plan) as unknown as { operations: Array<{ changes: Array<{ after: unknown }> }> }
      broken.operations[1]!.changes[0]!.after = { nested: true }
      const detail = yield* detailOf(JSON.stringify(broken))
      assert.match(detail, /^operations\[1\]\.changes\[0\]\.after: /)
      const missing = structuredClone(plan) as unknown as { operations: Array<Record<string, unknown>> }
      delete missing.operations[0]!.kind
      assert.strictEqual(yield* detailOf(JSON.stringify(missing)), "operations[0].kind is required")
    }))

  it.effect("a seq twice or below 1, and a delete outside an undo plan", () =>
    Effect.gen(function*() {
      const twice = structuredClone(plan) as unknown as { operations: Array<{ seq: number; kind: string }> }
      twice.operations[1]!.seq = twice.operations[0]!.seq
      assert.strictEqual(yield* detailOf(JSON.stringify(twice)), `operations[1].seq ${twice.operations[0]!.seq} appears twice`)
      const zero = structuredClone(plan) as unknown as { operations: Array<{ seq: number; kind: string }> }
      zero.operations[0]!.seq = 0
      assert.strictEqual(yield* detailOf(JSON.stringify(zero)), "operations[0].seq must be a whole number from 1, not 0")
      const deleting = structuredClone(plan) as unknown as { operations: Array<{ seq: number; kind: string }> }
      deleting.operations[0]!.kind = "delete"
      assert.strictEqual(yield* detailOf(JSON.stringify(deleting)), "operations[0] is a delete, which only an undo plan may hold")
    }))

  it.effect("a missing file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const error = yield* Effect.flip(readPlanFile(path.join(dir, "gone.json")))
      assert.match(error.message, /gone\.json is not a plan this version can read: cannot read the file: ENOENT/)
    }))
})

describe("summarizePlan", () => {
  it("counts creates, updates, tag-only changes and deletes; excluded operations and changes do not count", () => {
    const ops: ReadonlyArray<Operation> = [
      operation(1),
      operation(2, { kind: "create", id: null }),
      operation(3, { changes: [], tags: [{ tag: "VIP", action: "add" }] }),
      operation(4, { tags: [{ tag: "VIP", action: "add" }] }),
      operation(5, { excluded: true }),
      operation(6, { changes: [{ field: "plan", before: "A", after: "B", excluded: true }], tags: [{ tag: "X", action: "remove" }] }),
      operation(7, { changes: [{ field: "plan", before: "A", after: "B", excluded: true }], tags: [{ tag: "X", action: "remove", excluded: true }] }),
      operation(8, { kind: "delete", changes: [] })
    ]
    assert.deepStrictEqual(summarizePlan(ops, 3, 4), { creates: 1, updates: 2, tagChanges: 2, deletes: 1, unchanged: 4, invalid: 3 })
    // The one classifier behind the counts (the extension's Plan view groups by it too).
    assert.deepStrictEqual(ops.map(operationKind), ["update", "create", "tagChange", "update", "excluded", "tagChange", "excluded", "delete"])
    assert.deepStrictEqual(ops.map(isExcludedOperation), [false, false, false, false, true, false, true, false])
  })
})
