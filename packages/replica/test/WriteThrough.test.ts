import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import {
  Companies,
  Contacts,
  CreateOrUpdateCompanyRequest,
  IntercomClient,
  type IntercomClientServices,
  RateLimitState,
  Segments,
  Tags,
  UpdateCompanyRequest,
  validateRequest
} from "@intercom-explorer/core"
import { Effect, Fiber, Layer, Logger, Result } from "effect"
import { Replica } from "../src/Replica.js"
import { withWriteThrough } from "../src/WriteThrough.js"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { syncInto } from "./support/Sync.js"

const valid = <A>(result: Result.Result<A, { readonly message: string }>): A =>
  Result.isSuccess(result) ? result.success : assert.fail(result.failure.message)

/**
 * Syncs a fresh replica from the simulator, then runs `f` with core's client wrapped by
 * `withWriteThrough` over that replica: every check after an edit reads the replica, with no sync.
 */
const afterSync = <A, E>(f: (sim: Sim["Service"]) => Effect.Effect<A, E, IntercomClientServices | Replica>) =>
  Effect.gen(function*() {
    const sim = yield* Sim
    const file = path.join(yield* tempDir, "replica.sqlite")
    yield* syncInto(file)
    const replica = Replica.layer({ file })
    const client = withWriteThrough(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))
    return yield* f(sim).pipe(Effect.provide(Layer.provideMerge(client, replica)))
  })

/** The replica's view of one company: its tags and segments by id, sorted. */
const membershipsOf = (id: string) =>
  Effect.gen(function*() {
    const replica = yield* Replica
    const rows = replica.database.prepare("SELECT tag_id AS id FROM company_tags WHERE company_id = ? ORDER BY tag_id").all(id) as Array<{ id: string }>
    const segments = replica.database.prepare("SELECT segment_id AS id FROM company_segments WHERE company_id = ? ORDER BY segment_id").all(id) as Array<{ id: string }>
    return { tags: rows.map((r) => r.id), segments: segments.map((r) => r.id) }
  })

const sortedIds = (items: ReadonlyArray<{ readonly id: string }>) => items.map((item) => item.id).sort()

/** Requests the simulator saw since `from` (its log index), as "METHOD path". */
const requestsSince = (sim: Sim["Service"], from: number) => sim.state.requests.slice(from).map((r) => `${r.method} ${r.path}`)

describe("write-through: each edit through core shows in the replica at once, with no sync", () => {
  it.layer(clientLayer({ companies: 300 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("update: the new plan and spend are queryable, the old plan no longer finds it, segments as Intercom computed them", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const companies = yield* Companies
          const replica = yield* Replica
          const syncs = yield* replica.lastSync()
          const id = sim.state.companies.ids()[5]!
          const before = sim.state.companies.get(id)!
          const oldPlan = (before.plan as { name?: string }).name
          const oldPlanCount = oldPlan === undefined ? 0 : yield* replica.count(`plan:"${oldPlan}"`)
          assert.strictEqual(yield* replica.count("plan:NewPlan"), 0)

          const answer = yield* companies.update(id, valid(validateRequest(UpdateCompanyRequest)({ plan: "NewPlan", monthly_spend: 98765 })))
          assert.strictEqual(answer.id, id)

          const found = yield* replica.page("plan:NewPlan")
          assert.deepStrictEqual(found.map((c) => c.id), [id])
          assert.strictEqual(found[0]!.monthly_spend, 98765)
          assert.strictEqual(yield* replica.count("spend:98765"), 1)
          if (oldPlan !== undefined) assert.strictEqual(yield* replica.count(`plan:"${oldPlan}"`), oldPlanCount - 1)
          // The JSON the replica hands out is the answer's, and the memberships are the server's.
          const [raw] = yield* replica.pageRaw("plan:NewPlan")
          assert.strictEqual(JSON.parse(raw!.json).plan.name, "NewPlan")
          const stored = yield* membershipsOf(id)
          assert.deepStrictEqual(stored.segments, sortedIds(sim.state.segmentsOf(id)))
          assert.deepStrictEqual(stored.tags, sortedIds(sim.state.tagsOf(id)))
          assert.deepStrictEqual(yield* replica.lastSync(), syncs, "no sync ran")
          assert.isUndefined(yield* replica.staleness())
        })
      ))

    it.effect("upsert: a new company is present at once; upserting it again changes it in place", () =>
      afterSync(() =>
        Effect.gen(function*() {
          const companies = yield* Companies
          const replica = yield* Replica
          const total = yield* replica.count("")
          const created = yield* companies.upsert(
            valid(validateRequest(CreateOrUpdateCompanyRequest)({ company_id: "wt-new-1", name: "Write Through Ltd", size: 42 }))
          )
          assert.strictEqual(yield* replica.count(""), total + 1)
          const [found] = yield* replica.page(`cid:wt-new-1 name:"write through ltd" size:42`)
          assert.strictEqual(found?.id, created.id)

          yield* companies.upsert(valid(validateRequest(CreateOrUpdateCompanyRequest)({ company_id: "wt-new-1", size: 7 })))
          assert.strictEqual(yield* replica.count(""), total + 1)
          assert.strictEqual(yield* replica.count("cid:wt-new-1 size:7"), 1)
          assert.strictEqual(yield* replica.count("size:42 cid:wt-new-1"), 0)
        })
      ))

    it.effect("delete: the company is gone from queries, counts and its tags' counts", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const companies = yield* Companies
          const replica = yield* Replica
          const id = sim.state.companies.ids().find((c) => sim.state.tagsOf(c).length > 0)!
          const company = sim.state.companies.get(id)!
          const tag = sim.state.tagsOf(id)[0]!
          const tagCount = (yield* replica.tags()).find((t) => t.id === tag.id)!.companies
          const total = yield* replica.count("")
          assert.strictEqual(yield* replica.count(`cid:"${company.company_id}"`), 1)

          yield* companies.delete(id)

          assert.strictEqual(yield* replica.count(`cid:"${company.company_id}"`), 0)
          assert.strictEqual(yield* replica.count(""), total - 1)
          assert.strictEqual((yield* replica.tags()).find((t) => t.id === tag.id)!.companies, tagCount - 1)
          assert.deepStrictEqual(yield* membershipsOf(id), { tags: [], segments: [] })
        })
      ))

    it.effect("tag and untag: tag:X finds the companies and the tag counts them, with no extra request for companies the replica holds", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const tags = yield* Tags
          const replica = yield* Replica
          const [a, b] = sim.state.companies.ids().slice(10, 12) as [string, string]
          const bCompanyId = sim.state.companies.get(b)!.company_id!
          const from = sim.state.requests.length

          const tag = yield* tags.tagCompanies("Write-through VIP", [a, { company_id: bCompanyId }])

          assert.deepStrictEqual(requestsSince(sim, from), ["POST /tags"], "the replica applied the answer itself")
          assert.deepStrictEqual(sortedIds(yield* replica.page(`tag:"write-through vip"`)), [a, b].sort())
          assert.deepStrictEqual((yield* replica.tags()).find((t) => t.id === tag.id), { id: tag.id, name: "Write-through VIP", companies: 2 })
          const [onA] = yield* replica.page(`tag:"Write-through VIP" cid:"${sim.state.companies.get(a)!.company_id}"`)
          assert.include((onA!.tags?.tags ?? []).map((t) => t.name), "Write-through VIP")
          assert.deepStrictEqual((yield* membershipsOf(a)).tags, sortedIds(sim.state.tagsOf(a)))

          yield* tags.untagCompanies("Write-through VIP", [{ id: a }])

          assert.deepStrictEqual(sortedIds(yield* replica.page(`tag:"Write-through VIP"`)), [b])
          assert.strictEqual(yield* replica.count(`-tag:"Write-through VIP" cid:"${sim.state.companies.get(a)!.company_id}"`), 1)
          assert.strictEqual((yield* replica.tags()).find((t) => t.id === tag.id)!.companies, 1)
          assert.deepStrictEqual((yield* membershipsOf(a)).tags, sortedIds(sim.state.tagsOf(a)))
        })
      ))

    it.effect("tag: a company the replica does not hold yet is read with one GET and stored", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const tags = yield* Tags
          const replica = yield* Replica
          // Created by another integration after the sync: Intercom has it, the replica does not.
          const created = yield* Effect.promise(async () => {
            const res = await fetch(`${sim.url}/companies`, {
              method: "POST",
              headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
              body: JSON.stringify({ company_id: "elsewhere-1", name: "Made Elsewhere" })
            })
            return (await res.json()) as { id: string }
          })
          assert.strictEqual(yield* replica.count("cid:elsewhere-1"), 0)
          const from = sim.state.requests.length

          yield* tags.tagCompanies("Fresh", [{ company_id: "elsewhere-1" }])

          assert.deepStrictEqual(requestsSince(sim, from), ["POST /tags", "GET /companies"])
          const [found] = yield* replica.page("tag:Fresh")
          assert.strictEqual(found?.id, created.id)
          assert.strictEqual(found?.name, "Made Elsewhere")
        })
      ))

    it.effect("tag create, rename and delete: the tag list and the companies carrying it follow", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const tags = yield* Tags
          const replica = yield* Replica
          const made = yield* tags.create("Brand New")
          assert.deepStrictEqual((yield* replica.tags()).find((t) => t.id === made.id), { id: made.id, name: "Brand New", companies: 0 })

          const ids = sim.state.companies.ids().slice(20, 23)
          yield* tags.tagCompanies("Brand New", ids)
          yield* tags.rename(made.id, "Renamed Tag")
          assert.strictEqual(yield* replica.count(`tag:"Brand New"`), 0)
          assert.deepStrictEqual(sortedIds(yield* replica.page(`tag:"renamed tag"`)), [...ids].sort())
          const [one] = yield* replica.page(`tag:"Renamed Tag"`, { limit: 1 })
          assert.include((one!.tags?.tags ?? []).map((t) => t.name), "Renamed Tag")

          yield* tags.delete(made.id)
          assert.strictEqual(yield* replica.count(`tag:"Renamed Tag"`), 0)
          assert.isUndefined((yield* replica.tags()).find((t) => t.id === made.id))
          for (const id of ids) assert.deepStrictEqual((yield* membershipsOf(id)).tags, sortedIds(sim.state.tagsOf(id)))
        })
      ))

    it.effect("contact attach and detach: the company's user count follows (the replica stores no contacts)", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const contacts = yield* Contacts
          const replica = yield* Replica
          const contactId = sim.state.contactIds()[0]!
          const id = sim.state.companies.ids().find((c) => !sim.state.companiesOfContact(contactId).includes(c))!
          const cid = sim.state.companies.get(id)!.company_id!
          const users = sim.state.companies.get(id)!.user_count!
          assert.strictEqual(yield* replica.count(`cid:"${cid}" users:${users}`), 1)

          yield* contacts.attachCompany(contactId, id)
          assert.strictEqual(sim.state.companies.get(id)!.user_count, users + 1)
          assert.strictEqual(yield* replica.count(`cid:"${cid}" users:${users + 1}`), 1)

          yield* contacts.detachCompany(contactId, id)
          assert.strictEqual(yield* replica.count(`cid:"${cid}" users:${users}`), 1)
        })
      ))

    it.effect("a failed write-through never fails the API's write: it is logged and the replica says it is stale until a sync", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = path.join(yield* tempDir, "replica.sqlite")
        yield* syncInto(file)
        const logged: Array<string> = []
        const capture = Logger.layer([Logger.make(({ message }) => logged.push(String(message)))])
        const client = withWriteThrough(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))
        const id = sim.state.companies.ids()[30]!
        const cid = sim.state.companies.get(id)!.company_id!
        yield* Effect.gen(function*() {
          const replica = yield* Replica
          // SQLite refuses every change to the companies from here on (as a full disk or a broken file would).
          replica.database.exec("CREATE TRIGGER refuse BEFORE UPDATE ON companies BEGIN SELECT RAISE(FAIL, 'disk trouble'); END")
          const answer = yield* (yield* Companies).update(id, valid(validateRequest(UpdateCompanyRequest)({ plan: "Unrecorded" })))
          assert.strictEqual(answer.plan?.name, "Unrecorded", "the caller gets the API's answer")
          assert.strictEqual((sim.state.companies.get(id)!.plan as { name?: string }).name, "Unrecorded", "Intercom has the edit")
          assert.strictEqual(yield* replica.count("plan:Unrecorded"), 0)
          const stale = yield* replica.staleness()
          assert.match(stale?.reason ?? "", new RegExp(`^the replica missed an update of company ${id}: .*disk trouble`))
          assert.isTrue(logged.some((line) => line.includes("disk trouble") && line.includes("stale until the next sync")), logged.join("\n"))
          assert.isFalse(logged.some((line) => line.includes(TOKEN)))

          // When even the mark cannot be written, this process still knows.
          replica.database.exec("CREATE TRIGGER refuse_meta BEFORE INSERT ON meta BEGIN SELECT RAISE(FAIL, 'meta trouble'); END")
          yield* (yield* Companies).update(id, valid(validateRequest(UpdateCompanyRequest)({ plan: "Unrecorded Too" })))
          assert.match((yield* replica.staleness())?.reason ?? "", /Unrecorded|update of company/)
          assert.isAbove((yield* replica.staleness())!.at, stale!.at)
          replica.database.exec("DROP TRIGGER refuse; DROP TRIGGER refuse_meta")
        }).pipe(Effect.provide(Layer.mergeAll(Layer.provideMerge(client, Replica.layer({ file })), capture)))

        // A sync that starts after the failure reads Intercom anew: the mark is gone, the edit is there.
        yield* Effect.sleep("1100 millis")
        yield* syncInto(file)
        yield* Effect.gen(function*() {
          const replica = yield* Replica
          assert.isUndefined(yield* replica.staleness())
          assert.strictEqual(yield* replica.count(`plan:"Unrecorded Too" cid:"${cid}"`), 1)
        }).pipe(Effect.provide(Replica.layer({ file })))
      }))

    it.effect("an edit made while a sync runs survives its swap (the scroll read the company before the edit)", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = path.join(yield* tempDir, "replica.sqlite")
        yield* syncInto(file)
        const [updated, removed, tagged] = sim.state.companies.ids().slice(40, 43) as [string, string, string]
        const removedCid = sim.state.companies.get(removed)!.company_id!
        // The sync's GET /tags waits 1.5 s: the scroll is over, the swap not yet done.
        sim.faults.clear()
        sim.faults.inject("latency@once&delay=1500&method=GET&path=/tags")
        let scrolled!: () => void
        const betweenScrollAndSwap = new Promise<void>((resolve) => (scrolled = resolve))
        const sync = yield* Effect.forkChild(syncInto(file, (p) => p.phase === "tags" && scrolled()))
        yield* Effect.promise(() => betweenScrollAndSwap)
        const client = withWriteThrough(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))
        yield* Effect.gen(function*() {
          yield* (yield* Companies).update(updated, valid(validateRequest(UpdateCompanyRequest)({ plan: "Mid Sync" })))
          yield* (yield* Companies).delete(removed)
          yield* (yield* Tags).tagCompanies("Mid Sync Tag", [tagged])
          assert.strictEqual(yield* (yield* Replica).count("plan:\"Mid Sync\""), 1, "the live replica has it at once")
        }).pipe(Effect.provide(Layer.provideMerge(client, Replica.layer({ file }))))
        yield* Fiber.join(sync)
        sim.faults.clear()

        yield* Effect.gen(function*() {
          const replica = yield* Replica
          assert.deepStrictEqual(sortedIds(yield* replica.page(`plan:"Mid Sync"`)), [updated])
          assert.strictEqual(yield* replica.count(`cid:"${removedCid}"`), 0)
          assert.deepStrictEqual((yield* replica.pageRaw("", { limit: 1_000_000 })).map((c) => c.id).sort(), sim.state.companies.ids().sort())
          assert.deepStrictEqual(sortedIds(yield* replica.page(`tag:"Mid Sync Tag"`)), [tagged])
          assert.strictEqual(replica.database.prepare("SELECT count(*) AS n FROM edits").get()!.n, 0, "the journal is emptied")
          // With no sync running, edits are not journalled.
          yield* replica.removeCompany(updated)
          assert.strictEqual(replica.database.prepare("SELECT count(*) AS n FROM edits").get()!.n, 0)
        }).pipe(Effect.provide(Replica.layer({ file })))
      }))

    it.effect("the client is built once: the wrapped services share its rate-limit state; the others pass through", () =>
      afterSync((sim) =>
        Effect.gen(function*() {
          const rateLimit = yield* RateLimitState
          const companies = yield* Companies
          assert.isUndefined(rateLimit.current(), "nothing sent yet")
          const id = sim.state.companies.ids()[3]!
          yield* companies.update(id, valid(validateRequest(UpdateCompanyRequest)({ industry: "Shipping" })))
          assert.isDefined(rateLimit.current(), "the wrapped Companies sent through the client's own HTTP layer")
          assert.strictEqual((yield* (yield* Segments).list()).length, sim.state.segments().length)
          assert.strictEqual((yield* companies.retrieve(id)).industry, "Shipping")
        })
      ))
  })
})
