import { assert, describe, it } from "@effect/vitest"
import { type Company, csvHeader, formatCompanies } from "@intercom-explorer/core"
import { Replica } from "@intercom-explorer/replica"
import { Effect } from "effect"
import { currentValue } from "../src/FieldValues.js"
import { planFromFile } from "../src/build/PlanFromFile.js"
import { allCompanies, companyWhere, sourceFile, syncedReplicaLayer } from "./support/SyncedReplica.js"

const tagsOf = (company: Company) => (company.tags?.tags ?? []).map((t) => t.name)

describe("planFromFile: a CSV or NDJSON file against a synced replica", () => {
  it.layer(syncedReplicaLayer({ companies: 200 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("changed fields only, before-images from the replica, typed values; unchanged, invalid and unmatched rows", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const replica = yield* Replica
        const [a, b, c, d] = companies.filter((x) => x.plan?.name !== "Enterprise" && x.company_id !== undefined)
        const csv = [
          "company_id,plan,size,monthly_spend,seats,custom.is_partner,website",
          `${a!.company_id},Enterprise,${a!.size},,42,true,`,
          `${b!.company_id},${b!.plan?.name},${b!.size},${b!.monthly_spend},${b!.custom_attributes?.seats},${b!.custom_attributes?.is_partner},`,
          `${c!.company_id},Enterprise,lots,-5,many,maybe,`,
          `nobody-here,Enterprise,,,,,`,
          `${d!.company_id},,,,,,`
        ].join("\n") + "\n"
        const plan = yield* planFromFile({ file: yield* sourceFile("changes.csv", csv) })

        assert.strictEqual(plan.format, "intercom-explorer/plan")
        assert.strictEqual(plan.workspace.appId, (yield* replica.appId()) ?? null)
        assert.deepStrictEqual(plan.source, { kind: "file", file: plan.source.kind === "file" ? plan.source.file : "", format: "csv", match: "company_id", create: false })
        assert.strictEqual(plan.operations.length, 1)
        const op = plan.operations[0]!
        assert.deepStrictEqual(
          { kind: op.kind, id: op.id, companyId: op.companyId, label: op.label, updatedAt: op.updatedAt, row: op.row, tags: op.tags },
          { kind: "update", id: a!.id, companyId: a!.company_id!, label: a!.name!, updatedAt: a!.updated_at!, row: 2, tags: [] }
        )
        const expected = [
          { field: "plan", before: a!.plan!.name!, after: "Enterprise" },
          { field: "custom.seats", before: currentValue(a!, "custom.seats"), after: 42 },
          { field: "custom.is_partner", before: currentValue(a!, "custom.is_partner"), after: true }
        ].filter((change) => change.before !== change.after)
        assert.deepStrictEqual(op.changes, expected)

        assert.deepStrictEqual(plan.invalid, [
          {
            row: 4,
            key: c!.company_id!,
            reasons: [
              `column "size" ("lots"): size must be a whole number of employees (0 or more)`,
              `column "monthly_spend" ("-5"): monthly_spend must be a whole number between 0 and 2147483647`,
              `column "seats" ("many"): seats holds numbers in this workspace`,
              `column "custom.is_partner" ("maybe"): is_partner holds true/false in this workspace`
            ]
          },
          {
            row: 5,
            key: "nobody-here",
            reasons: [`no company with company_id "nobody-here" in the replica (sync first, or use --create to create it)`]
          }
        ])
        // b's row repeats what it has; d's row is all empty cells (an empty cell leaves the field).
        assert.deepStrictEqual(plan.summary, { creates: 0, updates: 1, tagChanges: 0, deletes: 0, unchanged: 2, invalid: 2 })
      }))

    it.effect("tags: added only where the company lacks them (ignoring case); a company with only tag changes counts as a tag change", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const tagged = companyWhere(companies, (x) => tagsOf(x).length > 0 && x.company_id !== undefined)
        const has = tagsOf(tagged)[0]!
        const csv = `company_id,tags\n${tagged.company_id},"${has.toUpperCase()}; Bulk Test ;bulk test;"\n`
        const plan = yield* planFromFile({ file: yield* sourceFile("tags.csv", csv) })
        assert.deepStrictEqual(plan.operations.map((op) => op.tags), [[{ tag: "Bulk Test", action: "add" }]])
        assert.deepStrictEqual(plan.operations[0]!.changes, [])
        assert.strictEqual(plan.summary.tagChanges, 1)
        assert.strictEqual(plan.summary.updates, 0)
      }))

    it.effect("an export (companies export --format csv) fed back unchanged plans nothing; edited, only the edits", () =>
      Effect.gen(function*() {
        // Intercom takes any website; one the edit boxes would refuse, held and not changed, is not a problem.
        const replica = yield* Replica
        const odd = (yield* allCompanies)[3]!
        yield* replica.applyCompany({ ...odd, website: "not a web address" })
        const companies = yield* allCompanies
        assert.strictEqual(companies.find((c) => c.id === odd.id)?.website, "not a web address")
        const exported = csvHeader + formatCompanies("csv", companies)
        const same = yield* planFromFile({ file: yield* sourceFile("export.csv", exported) })
        assert.deepStrictEqual(same.invalid, [])
        assert.deepStrictEqual(same.operations, [])
        assert.strictEqual(same.summary.unchanged, companies.length)

        const target = companyWhere(companies, (x) => x.plan?.name !== "Enterprise" && x.company_id !== undefined)
        const edited = csvHeader + formatCompanies("csv", companies.map((x) =>
          x.id === target.id ? { ...x, plan: { name: "Enterprise" }, custom_attributes: { ...x.custom_attributes, seats: 7 } } : x
        ))
        const plan = yield* planFromFile({ file: yield* sourceFile("edited.csv", edited) })
        assert.deepStrictEqual(plan.invalid, [])
        assert.deepStrictEqual(plan.operations.map((op) => [op.id, op.changes.map((c) => [c.field, c.after])]), [
          [target.id, [["plan", "Enterprise"], ...(target.custom_attributes?.seats === 7 ? [] : [["custom.seats", 7]])]]
        ])
        assert.strictEqual(plan.summary.unchanged, companies.length - 1)
      }))

    it.effect("NDJSON: an export fed back unchanged plans nothing; values keep their JSON types, null clears a custom attribute", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const same = yield* planFromFile({ file: yield* sourceFile("export.ndjson", formatCompanies("ndjson", companies)) })
        assert.deepStrictEqual([same.operations, same.invalid], [[], []])
        assert.strictEqual(same.summary.unchanged, companies.length)

        const target = companyWhere(companies, (x) => typeof x.custom_attributes?.signup_channel === "string" && x.company_id !== undefined)
        const lines = [
          JSON.stringify({ company_id: target.company_id, size: 12345, tags: ["From NDJSON"], "custom.signup_channel": null, name: null }),
          "",
          JSON.stringify({ company_id: target.company_id + "-x", size: "12" })
        ].join("\n")
        const plan = yield* planFromFile({ file: yield* sourceFile("changes.jsonl", lines) })
        assert.deepStrictEqual(plan.operations[0]!.changes, [
          { field: "size", before: target.size ?? null, after: 12345 },
          { field: "custom.signup_channel", before: target.custom_attributes!.signup_channel as string, after: null }
        ])
        assert.deepStrictEqual(plan.operations[0]!.tags, [{ tag: "From NDJSON", action: "add" }])
        assert.strictEqual(plan.source.kind === "file" && plan.source.format, "ndjson")
        assert.deepStrictEqual(plan.invalid.map((r) => r.row), [3])
      }))

    it.effect("--create: an unmatched row becomes a create with every value set and its tags; match by id works without it", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const csv = "company_id,name,plan,tags,seats\nnew-co-1,New Co,Pro,VIP;Fresh,3\nnew-co-2,,,,\n"
        const plan = yield* planFromFile({ file: yield* sourceFile("new.csv", csv), create: true })
        assert.deepStrictEqual(plan.operations, [
          {
            seq: 1, kind: "create", id: null, companyId: "new-co-1", label: "New Co", updatedAt: null, row: 2,
            changes: [
              { field: "name", before: null, after: "New Co" },
              { field: "plan", before: null, after: "Pro" },
              { field: "custom.seats", before: null, after: 3 }
            ],
            tags: [{ tag: "VIP", action: "add" }, { tag: "Fresh", action: "add" }]
          },
          { seq: 2, kind: "create", id: null, companyId: "new-co-2", label: "new-co-2", updatedAt: null, row: 3, changes: [], tags: [] }
        ])
        assert.strictEqual(plan.summary.creates, 2)

        const target = companies[7]!
        const byId = yield* planFromFile({ file: yield* sourceFile("by-id.csv", `id,company_id,industry\n${target.id},whatever,Bulk Industry\nnope-id,,Bulk\n`), match: "id" })
        assert.deepStrictEqual(byId.operations.map((op) => [op.id, op.changes]), [
          [target.id, [{ field: "industry", before: target.industry ?? null, after: "Bulk Industry" }]]
        ])
        assert.deepStrictEqual(byId.invalid, [{ row: 3, key: "nope-id", reasons: [`no company with id "nope-id" in the replica (sync first)`] }])
      }))

    it.effect("a mapping renames columns (including the match column) and ignores others", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const target = companyWhere(companies, (x) => x.plan?.name !== "Basic" && x.company_id !== undefined)
        const csv = `Account,Tier,Notes,Who\n${target.company_id},Basic,call back,Ann\n`
        const plan = yield* planFromFile({
          file: yield* sourceFile("mapped.csv", csv),
          mapping: { Account: "company_id", Tier: "plan", Notes: "ignore", Who: "account_manager" }
        })
        assert.deepStrictEqual(plan.operations[0]!.changes.map((c) => [c.field, c.after]), [
          ["plan", "Basic"],
          ...(target.custom_attributes?.account_manager === "Ann" ? [] : [["custom.account_manager", "Ann"]])
        ])
      }))

    it.effect("a standard field set where it was empty warns once per field with the count (an undo cannot clear it)", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const empty = companies.filter((x) => (x.website ?? null) === null && x.company_id !== undefined).slice(0, 2)
        const full = companyWhere(companies, (x) => typeof x.website === "string" && x.company_id !== undefined)
        assert.isAbove(empty.length, 0)
        const csv = "company_id,website\n" + [...empty, full].map((x) => `${x.company_id},https://bulk.example.com`).join("\n")
        const plan = yield* planFromFile({ file: yield* sourceFile("sites.csv", csv) })
        assert.strictEqual(plan.operations.length, empty.length + 1)
        const n = empty.length
        assert.deepStrictEqual(plan.warnings, [
          `website is set on ${n} ${n === 1 ? "company" : "companies"} where it was empty: an undo cannot empty it again (Intercom cannot clear a standard field)`
        ])
      }))

    it.effect("a spreadsheet's CSV: a byte order mark, CRLF line ends, headers in other case and with spaces", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const [a, b] = companies.filter((x) => x.plan?.name !== "Growth" && x.company_id !== undefined)
        const csv = `\uFEFFCompany_ID , Plan\r\n${a!.company_id},Growth\r\n\r\n"${b!.company_id}","Growth"\r\n`
        const plan = yield* planFromFile({ file: yield* sourceFile("excel.csv", csv) })
        assert.deepStrictEqual(plan.operations.map((op) => [op.row, op.id, op.changes.map((c) => c.after)]), [
          [2, a!.id, ["Growth"]],
          [4, b!.id, ["Growth"]]
        ])
      }))

    it.effect("row numbers are file lines: a quoted value over two lines and blank lines count", () =>
      Effect.gen(function*() {
        const csv = `company_id,name\n"multi\nline",x\n\nghost,y\n`
        const plan = yield* planFromFile({ file: yield* sourceFile("lines.csv", csv) })
        assert.deepStrictEqual(plan.invalid.map((r) => [r.row, r.key]), [[2, "multi\nline"], [5, "ghost"]])
      }))
  })

  it.layer(syncedReplicaLayer({ companies: 2_600 }), { timeout: 120_000, excludeTestServices: true })((it) => {
    it.effect("thousands of rows across look-up batches: every row planned once, in file order", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const rows = companies.map((x, i) => `${x.company_id},${(x.size ?? 0) + 1},${i % 3 === 0 ? "Third" : ""}`)
        const plan = yield* planFromFile({ file: yield* sourceFile("big.csv", "company_id,size,tags\n" + rows.join("\n") + "\n") })
        assert.strictEqual(plan.operations.length, companies.length)
        assert.deepStrictEqual(plan.operations.map((op) => op.seq), companies.map((_, i) => i + 1))
        assert.deepStrictEqual(plan.operations.map((op) => op.id), companies.map((x) => x.id))
        assert.deepStrictEqual(plan.operations.map((op) => op.row), companies.map((_, i) => i + 2))
        assert.strictEqual(plan.operations.filter((op) => op.tags.length > 0).length, Math.ceil(companies.length / 3))
      }))
  })
})
