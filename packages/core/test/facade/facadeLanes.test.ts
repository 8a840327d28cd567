import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { setTimeout as sleep } from "node:timers/promises"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { createIntercomClient, type IntercomPromiseClient } from "../../src/facade/createIntercomClient.js"
import { TOKEN } from "../support/Simulator.js"

/*
 * The facade's lanes against the simulator over real HTTP, observed through the order in which the
 * server answered: the governor admits every queued interactive request before any background one,
 * and background requests go at `limit - reserve` per window, spread from the window's start. So a
 * lookup issued after a background batch is answered before (nearly) all of it, and lookups beside
 * a background scroll see no page between them, however slow the machine: each lookup holds the
 * background back by one more gap. Were the lane lost, the batch and the pages would be interactive
 * like the lookup, and the lookup would queue behind them (the counts below would be 12 and ~6).
 */

// 20 requests per 4 s window: a background gap of 4000 / (20 - 2) = 222 ms.
const LIMIT = 20
const WINDOW_MS = 4_000
const BATCH = 12

/** Every API answer, in the order the simulator sent them (its handlers answer in arrival order). */
const answers: Array<string> = []
const recordAnswer = (line: string) => {
  const [method, path] = line.split(" ")
  if (path !== undefined && !path.startsWith("/__admin")) answers.push(`${method} ${path}`)
}
const retrieved = (id: string) => `GET /companies/${id}`
const scrollPages = (from: number) => answers.slice(from).filter((a) => a.startsWith("GET /companies/scroll")).length

describe("createIntercomClient lanes (background and interactive on one governor)", () => {
  let sim: Simulator
  let ids: ReadonlyArray<string>
  const clients: Array<IntercomPromiseClient> = []

  const newClient = (lane?: "interactive" | "background") => {
    const client = createIntercomClient({
      token: TOKEN,
      baseUrl: sim.url,
      pacing: { windowMillis: WINDOW_MS },
      ...(lane === undefined ? {} : { lane })
    })
    clients.push(client)
    return client
  }

  /**
   * Starts at the beginning of a rate-limit window, with the client knowing its budget from one
   * interactive answer: background is then paced from the window's start instead of catching up
   * (a background request late in a window with budget left goes at once, by design).
   */
  const atWindowStart = async (client: IntercomPromiseClient) => {
    for (;;) {
      await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 20)
      await client.interactive.companies.retrieve(ids[40]!)
      // A stall of this shared machine that ate the window's start: take the next window.
      if (Date.now() % WINDOW_MS < WINDOW_MS / 10) return
    }
  }

  beforeAll(async () => {
    sim = await startSimulator({
      host: "127.0.0.1",
      token: TOKEN,
      seed: 5,
      companies: 60,
      rateLimit: LIMIT,
      rateWindowMs: WINDOW_MS,
      scrollPageSize: 2,
      log: recordAnswer
    })
    ids = sim.state.companies.ids()
  })

  afterAll(async () => {
    for (const client of clients) await client.close()
    await sim?.close()
  })

  /** A batch of retrieves on the background lane, then one lookup on the interactive lane. */
  const batchThenLookup = async (
    background: IntercomPromiseClient["background"],
    interactive: IntercomPromiseClient["interactive"]
  ) => {
    const limitedBefore = sim.state.rateLimit.limited
    const from = answers.length
    const batchIds = ids.slice(0, BATCH)
    const batch = Promise.all(batchIds.map((id) => background.companies.retrieve(id)))
    const lookup = await interactive.companies.retrieve(ids[30]!)
    assert.strictEqual(lookup.id, ids[30])
    assert.deepStrictEqual((await batch).map((c) => c.id), batchIds)
    const order = answers.slice(from)
    const lookupAt = order.indexOf(retrieved(ids[30]!))
    const batchBefore = order.slice(0, lookupAt).filter((a) => batchIds.some((id) => a === retrieved(id)))
    // Usually none (the batch waits a gap from the window's start); more only after a long stall.
    assert.isAtMost(batchBefore.length, 3, `answered before the lookup: ${batchBefore.length} of the batch`)
    assert.strictEqual(sim.state.rateLimit.limited, limitedBefore, "the server answered 429")
  }

  it("client.background: a bulk batch yields to a lookup issued after it on the same client", async () => {
    const client = newClient()
    assert.strictEqual(client.lane, "interactive")
    await atWindowStart(client)
    await batchThenLookup(client.background, client)
  }, 40_000)

  it("lane: \"background\" is every call's lane; client.interactive reaches the interactive one", async () => {
    const client = newClient("background")
    assert.strictEqual(client.lane, "background")
    await atWindowStart(client)
    await batchThenLookup(client, client.interactive)
  }, 40_000)

  it("a background scroll carries the lane on every page: lookups beside it see no page go between them", async () => {
    const client = newClient()
    await atWindowStart(client)
    const from = answers.length
    let stop = false
    const sync = (async () => {
      let seen = 0
      for await (const company of client.background.companies.scroll()) {
        if (company.id !== "") seen += 1
        if (stop) break
      }
      return seen
    })()
    // Past the first pages, so what follows is about the later ones.
    while (scrollPages(from) < 2) await sleep(10)
    const pagesBefore = scrollPages(from)
    for (const id of ids.slice(20, 26)) assert.strictEqual((await client.companies.retrieve(id)).id, id)
    const pagesDuring = scrollPages(from) - pagesBefore
    stop = true
    assert.isAtLeast(await sync, 4)
    // Each lookup holds the background back by one more gap: a page goes between them only after a stall.
    assert.isAtMost(pagesDuring, 2, `scroll pages answered during 6 lookups: ${pagesDuring}`)
  }, 40_000)

  it("types the lane: anything but \"interactive\" or \"background\" fails typecheck and throws", () => {
    assert.throws(
      // @ts-expect-error a lane is "interactive" or "background"
      () => createIntercomClient({ token: TOKEN, baseUrl: sim.url, lane: "bulk" }),
      TypeError,
      /lane must be "interactive" or "background"/
    )
    // @ts-expect-error no lane on the services: client.background and client.interactive are services
    assert.isUndefined(newClient().background.lane)
  })
})
