import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { planFromFile, type PlanFromFileOptions } from "../src/build/PlanFromFile.js"
import { allCompanies, sourceFile, syncedReplicaLayer } from "./support/SyncedReplica.js"
import { tempDir } from "./support/Simulator.js"

/** The file-level failure of planning `text` as `name`: its reason without the file, and its message. */
const refusal = (name: string, text: string, options: Omit<PlanFromFileOptions, "file"> = {}) =>
  Effect.gen(function*() {
    const file = yield* sourceFile(name, text)
    const error = yield* Effect.flip(planFromFile({ ...options, file }))
    assert.strictEqual(error._tag, "PlanError")
    const reason = (error as { reason: { _tag: string; file?: string; detail: string; row?: number; column?: string } }).reason
    assert.strictEqual(reason._tag, "SourceInvalid")
    assert.strictEqual(reason.file, file)
    return { detail: reason.detail, row: reason.row, column: reason.column, message: (error as Error).message.replace(file, name) }
  })

describe("a source file that cannot become a plan fails as a whole (SourceInvalid), naming where", () => {
  it.layer(syncedReplicaLayer({ companies: 40 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a missing file, and a folder", () =>
      Effect.gen(function*() {
        const dir = yield* tempDir
        const missing = yield* Effect.flip(planFromFile({ file: path.join(dir, "nope.csv") }))
        assert.match(missing.message, /nope\.csv: cannot read the file: ENOENT/)
        const folder = yield* Effect.flip(planFromFile({ file: dir }))
        assert.match(folder.message, /cannot read the file: it is not a file/)
      }))

    it.effect("a semicolon-, tab- or pipe-separated file: says which and that it must be comma-separated", () =>
      Effect.gen(function*() {
        const semi = yield* refusal("semi.csv", "company_id;plan\n1;Pro\n")
        assert.deepStrictEqual(semi, {
          detail: "the header is one column that contains semicolon (;): the file looks semicolon-separated, but it must be comma-separated",
          row: 1,
          column: undefined,
          message: "semi.csv, row 1: the header is one column that contains semicolon (;): the file looks semicolon-separated, but it must be comma-separated"
        })
        assert.match((yield* refusal("tab.csv", "company_id\tplan\n1\tPro\n")).detail, /looks tab-separated, but it must be comma-separated/)
        assert.match((yield* refusal("pipe.csv", "company_id|plan\n1|Pro\n")).detail, /looks pipe-separated, but it must be comma-separated/)
      }))

    it.effect("no match column (also for match id, and an NDJSON line without the key)", () =>
      Effect.gen(function*() {
        const none = yield* refusal("none.csv", "name,plan\nAcme,Pro\n")
        assert.strictEqual(none.detail, `no company_id column to match rows to companies (name a column "company_id", or map one to it, or match by id)`)
        const byId = yield* refusal("none-id.csv", "company_id,plan\n100001,Pro\n", { match: "id" })
        assert.strictEqual(byId.detail, `no id column to match rows to companies (name a column "id", or map one to it)`)
        const nd = yield* refusal("none.ndjson", `{"company_id":"100001","plan":"Pro"}\n{"plan":"Pro"}\n`)
        assert.deepStrictEqual([nd.row, nd.detail.startsWith("no company_id column")], [2, true])
      }))

    it.effect("a key on two rows names both rows", () =>
      Effect.gen(function*() {
        const [a, b] = yield* allCompanies
        const csv = `company_id,plan\nc-7,Pro\n${a!.company_id},Pro\n${b!.company_id},Pro\n\n"c-7",Basic\n`
        const dup = yield* refusal("dup.csv", csv)
        assert.deepStrictEqual([dup.detail, dup.row], [`company_id "c-7" is on rows 2 and 6`, 6])
      }))

    it.effect("an unclosed quote names the row it opens on", () =>
      Effect.gen(function*() {
        const quote = yield* refusal("quote.csv", `company_id,name\n100001,Acme\n100002,"Beta\n100003,Gamma\n`)
        assert.deepStrictEqual([quote.row, quote.detail], [3, `a quoted value opened here is never closed (an unbalanced " quote)`])
      }))

    it.effect("a row with more cells than the header", () =>
      Effect.gen(function*() {
        const wide = yield* refusal("wide.csv", `company_id,name\n100001,Acme\n100002,Beta,extra\n`)
        assert.strictEqual(wide.row, 3)
        assert.match(wide.detail, /different number of cells than the header/)
      }))

    it.effect("a bad NDJSON line: not JSON, not an object", () =>
      Effect.gen(function*() {
        const broken = yield* refusal("bad.ndjson", `{"company_id":"100001"}\n\n{"company_id": 100002,\n`)
        assert.strictEqual(broken.row, 3)
        assert.match(broken.detail, /^line 3 is not JSON: /)
        const array = yield* refusal("array.jsonl", `["100001"]\n`)
        assert.deepStrictEqual([array.row, array.detail], [1, "line 1 is not a JSON object (NDJSON holds one company object per line)"])
      }))

    it.effect("an unknown column names it; a mapping to no field too; a duplicate column", () =>
      Effect.gen(function*() {
        const unknown = yield* refusal("unknown.csv", "company_id,plna\n100001,Pro\n")
        assert.strictEqual(unknown.column, "plna")
        assert.match(unknown.message, /^unknown\.csv, row 1, column "plna": unknown column "plna": not a company field/)
        const mapped = yield* refusal("mapped.csv", "company_id,Tier\n100001,Pro\n", { mapping: { Tier: "tier_level" } })
        assert.strictEqual(mapped.column, "Tier")
        assert.match(mapped.detail, /the mapping sends column "Tier" to "tier_level", which is not a field/)
        const nd = yield* refusal("unknown.ndjson", `{"company_id":"100001"}\n{"company_id":"100002","colour":"red"}\n`)
        assert.deepStrictEqual([nd.row, nd.column], [2, "colour"])
        // A column named after an object's own property is a column like any other.
        const proto = yield* refusal("proto.csv", "company_id,constructor\n100001,x\n")
        assert.strictEqual(proto.column, "constructor")
        const twice = yield* refusal("twice.csv", "company_id,plan,plan\n100001,Pro,Basic\n")
        assert.deepStrictEqual([twice.column, twice.detail], ["plan", `the column "plan" appears twice in the header`])
      }))

    it.effect("--create with match id, and an empty file", () =>
      Effect.gen(function*() {
        const create = yield* refusal("create.csv", "id,name\nx,Acme\n", { match: "id", create: true })
        assert.strictEqual(create.detail, "creating companies needs match company_id: a new company has no Intercom id yet")
        const empty = yield* refusal("empty.csv", "")
        assert.strictEqual(empty.detail, "the file is empty (no header)")
      }))
  })
})
