import { DatabaseSync } from "node:sqlite"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Companies, Tags, UpdateCompanyRequest } from "@intercom-explorer/core"
import { Effect } from "effect"
import { clientLayer, Sim, tempDir } from "./support/Simulator.js"
import { deleteOnServer, replicaIds, syncInto } from "./support/Sync.js"

// A sync over an existing replica stages only what changed and merges it in place; past a share of
// changes it rebuilds. Either way the file must hold exactly what a first sync of the same server
// into an empty file holds: compared here table by table (row ids aside).

/** Everything a replica file holds that a reader can see, in a stable order, row ids left out. */
const contents = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const all = (sql: string) => db.prepare(sql).all().map((row) => ({ ...row }))
    return {
      companies: all(
        `SELECT id, company_id, company_id_fold, name, name_fold, plan, plan_fold, size, website, website_fold, industry, industry_fold,
          monthly_spend, user_count, session_count, created_at, updated_at, last_request_at, remote_created_at, json(custom) AS custom, decode_error, raw_hash
         FROM companies ORDER BY id`
      ),
      json: all("SELECT c.id, j.raw FROM companies c JOIN company_json j ON j.rid = c.rid ORDER BY c.id"),
      orphanJson: all("SELECT rid FROM company_json WHERE rid NOT IN (SELECT rid FROM companies)"),
      tags: all("SELECT company_id, tag_id, name_fold FROM company_tags ORDER BY company_id, tag_id"),
      segments: all("SELECT company_id, segment_id, name_fold FROM company_segments ORDER BY company_id, segment_id"),
      tagList: all("SELECT * FROM tags ORDER BY id"),
      segmentList: all("SELECT * FROM segments ORDER BY id"),
      indexes: all("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
      staging: all("SELECT name FROM sqlite_master WHERE name LIKE 'staging_%'"),
      integrity: all("PRAGMA integrity_check")
    }
  } finally {
    db.close()
  }
}

/** Changes `count` companies on the server the way other integrations would: renames, tags added and removed. */
const changeOnServer = (ids: ReadonlyArray<string>, tag: string) =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const tags = yield* Tags
    for (const [i, id] of ids.entries()) {
      if (i % 2 === 0) yield* companies.update(id, UpdateCompanyRequest.make({ name: `Renamed ${i}` }))
    }
    yield* tags.tagCompanies(tag, ids.filter((_, i) => i % 2 === 1))
  })

describe("a sync over an existing replica", () => {
  it.layer(clientLayer({ companies: 1200 }), { timeout: 120_000, excludeTestServices: true })((it) => {
    it.effect("merges few changes in place, and the file equals a first sync of the same server", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "merged.sqlite")
        const first = yield* syncInto(file)
        assert.strictEqual(first.mode, "rebuild")
        assert.strictEqual(first.staged, 1200)

        // Nothing changed: nothing staged.
        const again = yield* syncInto(file)
        assert.strictEqual(again.mode, "merge")
        assert.strictEqual(again.staged, 0)
        assert.strictEqual(again.companies, 1200)

        const ids = sim.state.companies.ids()
        yield* changeOnServer(ids.slice(10, 50), "Merged in place")
        for (const id of ids.slice(100, 105)) assert.strictEqual(yield* deleteOnServer(sim.url, id), 200)
        const tags = yield* Tags
        // Untagging one company that had a tag from the seed: its membership must leave.
        const tagged = sim.state.tags().find((t) => sim.state.companiesWithTag(t.id).length > 0)!
        const untagged = sim.state.companiesWithTag(tagged.id)[0]!
        yield* tags.untagCompanies(tagged.name, [untagged])

        const merged = yield* syncInto(file)
        assert.strictEqual(merged.mode, "merge")
        assert.isAtLeast(merged.staged, 40, "every company changed on the server is staged")
        assert.isBelow(merged.staged, 120)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())

        const fresh = path.join(dir, "fresh.sqlite")
        const rebuilt = yield* syncInto(fresh)
        assert.strictEqual(rebuilt.mode, "rebuild")
        const a = contents(file)
        const b = contents(fresh)
        assert.deepStrictEqual(a.integrity, [{ integrity_check: "ok" }])
        assert.deepStrictEqual(a.orphanJson, [])
        assert.deepStrictEqual(a.staging, [])
        assert.deepStrictEqual(a, b)
        assert.isTrue(a.tags.some((row) => row.name_fold === "merged in place"))
        assert.isFalse(a.tags.some((row) => row.company_id === untagged && row.tag_id === tagged.id))
      }))

    it.effect("rebuilds past a quarter of changes, copying the unchanged rows, and still equals a first sync", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "rebuilt.sqlite")
        yield* syncInto(file)
        const ids = sim.state.companies.ids()
        const tags = yield* Tags
        // A third of the companies gain a tag (one request), a few are renamed, one is gone.
        yield* tags.tagCompanies("Everyone else", ids.slice(0, 400))
        yield* changeOnServer(ids.slice(400, 410), "Also changed")
        assert.strictEqual(yield* deleteOnServer(sim.url, ids[1000]!), 200)

        const summary = yield* syncInto(file)
        assert.strictEqual(summary.mode, "rebuild")
        assert.isAtLeast(summary.staged, 400)
        assert.isBelow(summary.staged, summary.companies)

        const fresh = path.join(dir, "fresh.sqlite")
        yield* syncInto(fresh)
        const a = contents(file)
        assert.deepStrictEqual(a.integrity, [{ integrity_check: "ok" }])
        assert.deepStrictEqual(a, contents(fresh))
      }))

    it.effect("rows stored before the JSON hash (schema 3), or by another row version, are all derived again once: the next sync rebuilds", () =>
      Effect.gen(function*() {
        const dir = yield* tempDir
        const file = path.join(dir, "upgraded.sqlite")
        yield* syncInto(file)
        const db = new DatabaseSync(file)
        db.exec("UPDATE companies SET raw_hash = NULL")
        db.close()
        const summary = yield* syncInto(file)
        assert.strictEqual(summary.mode, "rebuild")
        assert.strictEqual(summary.staged, summary.companies)
        const fresh = path.join(dir, "fresh.sqlite")
        yield* syncInto(fresh)
        assert.deepStrictEqual(contents(file), contents(fresh))
        assert.strictEqual((yield* syncInto(file)).staged, 0)

        // Rows derived by another version of the code (`rowVersion`) are all derived again.
        const again = new DatabaseSync(file)
        again.exec("UPDATE meta SET value = 'older' WHERE key = 'row_version'")
        again.close()
        const rederived = yield* syncInto(file)
        assert.strictEqual(rederived.mode, "rebuild")
        assert.strictEqual(rederived.staged, rederived.companies)
        assert.deepStrictEqual(contents(file), contents(fresh))
      }))

    it.effect("a merge under a scroll that expires and restarts still gives exactly the server's set", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "faulty.sqlite")
        yield* syncInto(file)
        yield* changeOnServer(sim.state.companies.ids().slice(200, 230), "During faults")
        sim.faults.inject("scroll-expire@nth=3")
        const summary = yield* syncInto(file)
        sim.faults.clear()
        assert.strictEqual(summary.mode, "merge")
        assert.isAtLeast(summary.restarts, 1)
        const fresh = path.join(dir, "fresh.sqlite")
        yield* syncInto(fresh)
        assert.deepStrictEqual(contents(file), contents(fresh))
      }))
  })
})
