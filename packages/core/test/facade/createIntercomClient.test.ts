import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { inspect } from "node:util"
import { Schedule } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  createIntercomClient,
  IntercomClientError,
  type IntercomPromiseClient
} from "../../src/facade/createIntercomClient.js"
import { companiesWithUsers, TOKEN } from "../support/Simulator.js"

/** Waits out another holder's server-side scroll quickly (the simulator's scrolls idle out in 1 s). */
const fastBusyRetry = Schedule.spaced("100 millis").pipe(Schedule.upTo({ times: 40 }))

const rejection = async (promise: Promise<unknown>): Promise<IntercomClientError> => {
  try {
    await promise
  } catch (error) {
    assert.instanceOf(error, IntercomClientError)
    return error as IntercomClientError
  }
  throw new Error("expected the call to fail")
}

describe("createIntercomClient (Promise facade)", () => {
  let sim: Simulator
  let client: IntercomPromiseClient

  beforeAll(async () => {
    sim = await startSimulator({
      host: "127.0.0.1",
      token: TOKEN,
      seed: 11,
      companies: 250,
      rateLimit: 10_000,
      scrollTtlMs: 1_000,
      scrollPageSize: 20
    })
    client = createIntercomClient({ token: TOKEN, baseUrl: sim.url })
  })

  afterAll(async () => {
    await client?.close()
    await sim?.close()
  })

  it("reports no rate-limit budget before the first answer, then the latest one", async () => {
    assert.isUndefined(client.rateLimit())
    await client.tags.list()
    const snapshot = client.rateLimit()
    assert.strictEqual(snapshot?.limit, 10_000)
    assert.isBelow(snapshot?.remaining ?? Infinity, 10_000)
    assert.isAbove(snapshot?.resetAtMillis ?? 0, Date.now() - 1_000)
  })

  it("lists companies as an AsyncIterable, page after page", async () => {
    const ids: Array<string> = []
    for await (const company of client.companies.list({ perPage: 30 })) ids.push(company.id)
    assert.deepStrictEqual(new Set(ids), new Set(companiesWithUsers(sim)))
    assert.strictEqual(ids.length, companiesWithUsers(sim).length)
    const page = await client.companies.listPage(2, 30)
    assert.strictEqual(page.totalCount, ids.length)
    assert.deepStrictEqual(page.companies.map((c) => c.id), ids.slice(30, 60))
  })

  it("mirrors the services: upsert, retrieve, update, tag and read back", async () => {
    const created = await client.companies.upsert({ company_id: "facade-1", name: "Facade Co" })
    assert.strictEqual((await client.companies.retrieve(created.id)).name, "Facade Co")
    await client.companies.update(created.id, { plan: "Growth" })
    assert.strictEqual((await client.companies.retrieveByCompanyId("facade-1")).plan?.name, "Growth")
    const tag = await client.tags.tagCompanies("Facade tag", [created.id])
    const tagged: Array<string> = []
    for await (const company of client.companies.byTag(tag.id)) tagged.push(company.id)
    assert.deepStrictEqual(tagged, [created.id])
    assert.deepStrictEqual(sim.state.tagsOf(created.id).map((t) => t.name), ["Facade tag"])
    const contactId = sim.state.contactIds()[0]!
    const note = await client.notes.create(contactId, { body: "from the facade" })
    assert.strictEqual((await client.notes.get(note.id)).body, "<p>from the facade</p>")
    assert.isAbove((await client.segments.list({ includeCount: true })).length, 0)
    assert.isAbove((await client.subscriptionTypes.list()).length, 0)
    await client.contacts.attachCompany(contactId, created.id)
    assert.include((await client.contacts.companies(contactId)).map((c) => c.id), created.id)
  })

  it("data attributes: lists a model's, creates one (validated, sent once), archives it", async () => {
    const before = await client.dataAttributes.list({ model: "company" })
    assert.strictEqual(before.find((a) => a.name === "health_score")?.data_type, "integer")
    assert.isTrue(before.every((a) => a.model === "company"))

    const requests = sim.state.requests.length
    const dotted = await rejection(client.dataAttributes.create({ name: "plan.tier", model: "company", data_type: "string" }))
    assert.strictEqual(dotted.reason, "InvalidRequest")
    assert.strictEqual(dotted.method, "POST")
    assert.include(dotted.message, "must not contain a dot")
    const retype = await rejection(client.dataAttributes.update(1, { data_type: "integer" } as never))
    assert.include(retype.message, "data_type cannot be changed")
    assert.strictEqual(sim.state.requests.length, requests)

    const created = await client.dataAttributes.create({ name: "facade_seats", model: "company", data_type: "integer" })
    assert.strictEqual(created.full_name, "custom_attributes.facade_seats")
    assert.strictEqual(sim.state.writes.filter((w) => w.method === "POST" && w.path === "/data_attributes").length, 1)
    const taken = await rejection(client.dataAttributes.create({ name: "facade_seats", model: "company", data_type: "integer" }))
    assert.strictEqual(taken.reason, "BadRequest")
    assert.include(taken.message, "already have")

    const archived = await client.dataAttributes.update(created.id!, { archived: true })
    assert.isTrue(archived.archived)
    assert.notInclude((await client.dataAttributes.list({ model: "company" })).map((a) => a.name), "facade_seats")
    assert.include((await client.dataAttributes.list({ model: "company", includeArchived: true })).map((a) => a.name), "facade_seats")
  })

  it("turns failures into IntercomClientError with reason, status, code and request id", async () => {
    const vip = sim.state.tagByName("VIP")!
    const error = await rejection(client.tags.delete(vip.id))
    assert.strictEqual(error.name, "IntercomClientError")
    assert.strictEqual(error.reason, "BadRequest")
    assert.strictEqual(error.status, 400)
    assert.strictEqual(error.code, "tag_has_dependent_objects")
    assert.isString(error.requestId)
    assert.isFalse(error.retryable)
    assert.strictEqual(error.method, "DELETE")
    assert.strictEqual(error.intercomError?.reason._tag, "BadRequest")
    assert.include(error.message, "tag_has_dependent_objects")

    const invalid = await rejection(client.companies.upsert({ company_id: "facade-2", monthly_spend: -5 }))
    assert.strictEqual(invalid.reason, "InvalidRequest")
    assert.isUndefined(invalid.status)
    assert.include(invalid.message, "monthly_spend")

    const missing = await rejection(client.companies.retrieve("000000000000000000000000"))
    assert.strictEqual(missing.reason, "NotFound")
    assert.strictEqual(missing.code, "company_not_found")
  })

  it("validates each body once, at its boundary: every broken rule in one message, before any request", async () => {
    const requests = sim.state.requests.length
    const upsert = await rejection(client.companies.upsert({ company_id: "facade-bad", monthly_spend: -1, website: "not a url" }))
    assert.strictEqual(upsert.reason, "InvalidRequest")
    assert.strictEqual(upsert.method, "POST")
    assert.include(upsert.message, "monthly_spend must be a whole number")
    assert.include(upsert.message, "website must be a web address")
    const keyless = await rejection(client.companies.upsert({ name: "No key" } as never))
    assert.include(keyless.message, "company_id is required")
    const id = sim.state.companies.ids()[3]!
    const rename = await rejection(client.companies.update(id, { company_id: "other" } as never))
    assert.strictEqual(rename.reason, "InvalidRequest")
    assert.include(rename.message, "company_id cannot be changed")
    const note = await rejection(client.notes.create(sim.state.contactIds()[0]!, { body: "  " }))
    assert.strictEqual(note.reason, "InvalidRequest")
    assert.strictEqual(sim.state.requests.length, requests)
    assert.isUndefined(sim.state.companies.byCompanyId("facade-bad"))
    // A valid body goes through as the caller wrote it.
    const updated = await client.companies.update(id, { industry: "Shipping" })
    assert.strictEqual(updated.industry, "Shipping")
  })

  it("a failing stream throws IntercomClientError from the for await loop", async () => {
    const error = await rejection((async () => {
      for await (const _ of client.companies.bySegment("no-such-segment")) { /* nothing */ }
    })())
    assert.strictEqual(error.reason, "NotFound")
  })

  it("scroll delivers every company once as an AsyncIterable", async () => {
    const seen = new Set<string>()
    let count = 0
    for await (const company of client.companies.scroll({ busyRetry: fastBusyRetry })) {
      seen.add(company.id)
      count++
    }
    assert.strictEqual(count, sim.state.companies.count())
    assert.strictEqual(seen.size, count)
  })

  it("breaking out of a scroll releases the lock; a concurrent scroll is refused while it runs", async () => {
    const iterator = client.companies.scroll({ busyRetry: fastBusyRetry })[Symbol.asyncIterator]()
    assert.isFalse((await iterator.next()).done)
    const busy = await rejection((async () => {
      for await (const _ of client.companies.scroll({ whenBusy: "fail" })) { /* nothing */ }
    })())
    assert.strictEqual(busy.reason, "ScrollBusy")
    assert.isTrue(busy.retryable)
    await iterator.return?.()

    let taken = 0
    for await (const _ of client.companies.scroll({ whenBusy: "fail", busyRetry: fastBusyRetry })) {
      if (++taken === 5) break
    }
    assert.strictEqual(taken, 5)
    // And once more: the `break` above released it too.
    let again = 0
    for await (const _ of client.companies.scroll({ whenBusy: "fail", busyRetry: fastBusyRetry })) {
      if (++again === 1) break
    }
    assert.strictEqual(again, 1)
  })

  it("close() ends running loops, releases the scroll lock and cancels calls in flight", async () => {
    const other = createIntercomClient({ token: TOKEN, baseUrl: sim.url })
    const seen: Array<string> = []
    let loopEnded = false
    const loop = (async () => {
      for await (const company of other.companies.scroll({ busyRetry: fastBusyRetry })) {
        seen.push(company.id)
        // A slow consumer: close() comes while the loop body still runs.
        if (seen.length === 1) await new Promise((resolve) => setTimeout(resolve, 400))
      }
      loopEnded = true
    })()
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    // Longer than close() could ever take: if close() did not cancel the call, it would resolve
    // (after 20 s) instead of rejecting with Closed.
    sim.faults.inject({ kind: "latency", delayMs: 20_000, match: { method: "GET", path: "/segments" } })
    const slow = rejection(other.segments.list())
    await new Promise((resolve) => setTimeout(resolve, 100))
    await other.close()
    await loop
    assert.isTrue(loopEnded)
    assert.strictEqual(seen.length, 1)
    const cancelled = await slow
    assert.strictEqual(cancelled.reason, "Closed")
    assert.strictEqual((await rejection(other.tags.list())).reason, "Closed")
    // The scroll lock is per app and process: the main client can take it without waiting.
    let taken = 0
    for await (const _ of client.companies.scroll({ whenBusy: "fail", busyRetry: fastBusyRetry })) {
      if (++taken === 2) break
    }
    assert.strictEqual(taken, 2)
  })

  it("a bad token fails with Unauthorized, and the token appears nowhere in the error", async () => {
    const secret = "tok_bad_7c1d2e3f4a5b6c7d8e9f"
    const bad = createIntercomClient({ token: secret, baseUrl: sim.url })
    try {
      const error = await rejection(bad.companies.retrieve("000000000000000000000000"))
      assert.strictEqual(error.reason, "Unauthorized")
      assert.strictEqual(error.status, 401)
      assert.strictEqual(error.code, "unauthorized")
      assert.isFalse(error.retryable)
      assert.include(error.message, "access token")
      const streamed = await rejection((async () => {
        for await (const _ of bad.companies.list()) { /* nothing */ }
      })())
      assert.strictEqual(streamed.reason, "Unauthorized")
      for (const e of [error, streamed]) {
        for (
          const text of [
            e.message,
            e.stack ?? "",
            JSON.stringify(e),
            String(e),
            inspect(e, { depth: 10 }),
            JSON.stringify(e.intercomError)
          ]
        ) {
          assert.notInclude(text, secret)
        }
      }
      assert.deepStrictEqual(Object.keys(JSON.parse(JSON.stringify(error))).sort(), [
        "code",
        "message",
        "method",
        "name",
        "path",
        "reason",
        "requestId",
        "retryable",
        "status"
      ])
    } finally {
      await bad.close()
    }
  })
})
