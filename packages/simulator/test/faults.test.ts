import { describe, expect, it } from "vitest"
import { type FaultSpec, startSimulator } from "../src/index.js"
import { apiFor, expectErrorList, manualClock } from "./support/harness.js"

const withSim = async (
  options: Parameters<typeof startSimulator>[0],
  body: (ctx: { sim: Awaited<ReturnType<typeof startSimulator>>; api: ReturnType<typeof apiFor> }) => Promise<void>
): Promise<void> => {
  const sim = await startSimulator({ companies: 30, seed: 5, scrollPageSize: 10, ...options })
  try {
    await body({ sim, api: apiFor(sim) })
  } finally {
    await sim.close()
  }
}

const ids = (res: { body: { data: Array<{ id: string }> } }): Array<string> => res.body.data.map((c) => c.id)

describe("fault: scroll-restart-500", () => {
  it("answers the Nth scroll request with Intercom's 500 and kills the scroll param", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "scroll-restart-500", nth: 2 })
      const first = await api.get("/companies/scroll")
      expect(first.status).toBe(200)
      const param = first.body.scroll_param as string
      expectErrorList(
        await api.get(`/companies/scroll?scroll_param=${param}`),
        500,
        "server_error",
        "Request failed due to an internal network error. Please restart the scroll operation."
      )
      // It cannot be resumed...
      expectErrorList(await api.get(`/companies/scroll?scroll_param=${param}`), 404, "not_found")
      // ...but a restart from the first page works, and sees everything.
      const again = await api.get("/companies/scroll")
      expect(ids(again)).toEqual(ids(first))
      expect(sim.state.scroll.restarts).toBe(1)
      expect(sim.faults.history.map((f) => f.kind)).toEqual(["scroll-restart-500"])
      expect(sim.faults.list()).toEqual([]) // nth faults retire after firing
    }))

  it("with hold, keeps the lock so a restart meets scroll_exists until the TTL", async () => {
    const clock = manualClock()
    await withSim({ clock: clock.now, scrollTtlMs: 60_000 }, async ({ sim, api }) => {
      sim.faults.inject("scroll-restart-500@nth=2&hold")
      const first = await api.get("/companies/scroll")
      expect((await api.get(`/companies/scroll?scroll_param=${first.body.scroll_param}`)).status).toBe(500)
      expectErrorList(await api.get("/companies/scroll"), 400, "scroll_exists")
      expectErrorList(await api.get(`/companies/scroll?scroll_param=${first.body.scroll_param}`), 404, "not_found")
      clock.advance(60_001)
      expect((await api.get("/companies/scroll")).status).toBe(200)
    })
  })
})

describe("fault: scroll-expire", () => {
  it("expires the open scroll on the Nth scroll request", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "scroll-expire", nth: 3 })
      const first = await api.get("/companies/scroll")
      const param = first.body.scroll_param as string
      expect((await api.get(`/companies/scroll?scroll_param=${param}`)).status).toBe(200)
      expectErrorList(await api.get(`/companies/scroll?scroll_param=${param}`), 404, "not_found", "scroll parameter not found")
      expect(sim.state.scroll.expired).toBe(1)
      // The lock went with it.
      expect((await api.get("/companies/scroll")).status).toBe(200)
    }))
})

describe("fault: rate-limit-burst", () => {
  it("with a count, refuses exactly that many requests, starting with the one it fired on", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "rate-limit-burst", nth: 2, count: 3 })
      const statuses: Array<number> = []
      for (let i = 0; i < 6; i++) statuses.push((await api.get("/tags")).status)
      expect(statuses).toEqual([200, 429, 429, 429, 200, 200])
      expect(sim.state.rateLimit.injected).toBe(3)
    }))

  it("without a count, refuses everything until the window resets, and says when", async () => {
    const clock = manualClock(1_767_225_601_000)
    await withSim({ clock: clock.now, rateWindowMs: 10_000 }, async ({ sim, api }) => {
      sim.faults.inject("rate-limit-burst")
      const refused = await api.get("/segments")
      expectErrorList(refused, 429, "rate_limit_exceeded", "Exceeded rate limit of 166 in 10_seconds")
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0")
      expect(refused.headers.get("x-ratelimit-reset")).toBe("1767225610")
      clock.advance(5_000)
      expect((await api.get("/segments")).status).toBe(429)
      clock.advance(4_000)
      expect((await api.get("/segments")).status).toBe(200)
      expect(sim.state.rateLimit.injected).toBe(2)
    })
  })
})

describe("fault: latency", () => {
  it("holds matching requests for delayMs before answering", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "latency", delayMs: 300, match: { path: "/tags" } })
      const t0 = performance.now()
      await api.get("/segments") // does not match
      const fast = performance.now() - t0
      const t1 = performance.now()
      expect((await api.get("/tags")).status).toBe(200)
      const slow = performance.now() - t1
      expect(slow).toBeGreaterThanOrEqual(290)
      expect(fast).toBeLessThan(slow)
    }))
})

describe("fault: drop-connection", () => {
  it("cuts the connection mid-body after the server has acted", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "drop-connection", match: { method: "POST", path: "/companies" } })
      const before = sim.state.companies.count()
      const res = await fetch(`${sim.url}/companies`, {
        method: "POST",
        headers: { Authorization: `Bearer ${sim.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ company_id: "dropped-1", name: "Dropped" })
      })
      // Headers arrive (with the full Content-Length), the body never completes.
      expect(res.status).toBe(200)
      await expect(res.text()).rejects.toThrow()
      expect(sim.state.companies.count()).toBe(before + 1)
      expect(sim.state.companies.byCompanyId("dropped-1")?.name).toBe("Dropped")
      // The next request is unaffected.
      expect((await api.get("/companies?company_id=dropped-1")).body.name).toBe("Dropped")
    }))

  it("a scroll page lost to a drop still advanced the cursor", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "drop-connection", nth: 2, match: { path: "/companies/scroll" } })
      const all = sim.state.companies.ids()
      const first = await api.get("/companies/scroll")
      const param = first.body.scroll_param as string
      const lost = await fetch(`${sim.url}/companies/scroll?scroll_param=${param}`, {
        headers: { Authorization: `Bearer ${sim.token}` }
      })
      await expect(lost.text()).rejects.toThrow()
      const third = await api.get(`/companies/scroll?scroll_param=${param}`)
      // Page two (companies 10-19) is gone for good: the retry got page three.
      expect(ids(third)).toEqual(all.slice(20, 30))
      expect(sim.state.scroll.pagesServed).toBe(3)
    }))
})

describe("fault: truncate-body", () => {
  it("sends a complete response whose JSON stops halfway", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject("truncate-body@path=/companies/scroll")
      const res = await api.get("/companies/scroll")
      expect(res.status).toBe(200)
      expect(res.body).toBeUndefined() // not parseable
      expect(() => JSON.parse(res.text)).toThrow()
      expect(res.text.startsWith('{"type":"list","data":[{"type":"company"')).toBe(true)
      expect(Number(res.headers.get("content-length"))).toBe(Buffer.byteLength(res.text))
      // The cursor moved anyway: the next page is the second one.
      expect(sim.state.scroll.pagesServed).toBe(1)
    }))
})

describe("fault triggers and matching", () => {
  const firedOn = async (spec: FaultSpec, seed: number, requests = 40): Promise<Array<number>> => {
    const sim = await startSimulator({ companies: 3, seed })
    const api = apiFor(sim)
    try {
      sim.faults.inject(spec)
      const hit: Array<number> = []
      for (let i = 0; i < requests; i++) if ((await api.get("/tags")).status === 429) hit.push(i)
      return hit
    } finally {
      await sim.close()
    }
  }

  it("once fires on the first match only; nth on the Nth only", async () => {
    expect(await firedOn({ kind: "rate-limit-burst", count: 1, once: true }, 1, 5)).toEqual([0])
    expect(await firedOn({ kind: "rate-limit-burst", count: 1 }, 1, 5)).toEqual([0])
    expect(await firedOn({ kind: "rate-limit-burst", count: 1, nth: 4 }, 1, 8)).toEqual([3])
  })

  it("probability draws from the seeded PRNG: same seed, same requests", async () => {
    const spec: FaultSpec = { kind: "rate-limit-burst", count: 1, probability: 0.3 }
    const a = await firedOn(spec, 42)
    const b = await firedOn(spec, 42)
    const c = await firedOn(spec, 43)
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    expect(a.length).toBeGreaterThan(3)
    expect(a.length).toBeLessThan(25)
    expect(await firedOn({ kind: "rate-limit-burst", count: 1, probability: 0 }, 1, 10)).toEqual([])
    expect(await firedOn({ kind: "rate-limit-burst", count: 1, probability: 1, times: 2 }, 1, 10)).toEqual([0, 1])
  })

  it("matches on method and on path prefix or regex", () =>
    withSim({}, async ({ sim, api }) => {
      sim.faults.inject({ kind: "truncate-body", match: { method: "POST", path: /^\/companies\/list$/ }, probability: 1 })
      expect((await api.get("/tags")).body).toBeDefined()
      expect((await api.get("/companies")).body).toBeDefined()
      expect((await api.post("/companies/list")).body).toBeUndefined()
      sim.faults.clear()
      sim.faults.inject({ kind: "truncate-body", match: { path: "/companies" }, probability: 1 })
      expect((await api.get("/companies/scroll")).body).toBeUndefined() // prefix covers sub-paths
      expect((await api.get("/contacts/x/companies")).status).toBe(404)
      sim.faults.clear()
      expect((await api.post("/companies/list")).body).toBeDefined()
    }))

  it("arms faults given at start, in the text syntax", () =>
    withSim({ faults: "scroll-expire@nth=2,latency@delay=1" }, async ({ sim }) => {
      expect(sim.faults.list().map((f) => f.spec.kind)).toEqual(["scroll-expire", "latency"])
    }))

  it("rejects a spec that cannot mean anything", () =>
    withSim({}, async ({ sim }) => {
      expect(() => sim.faults.inject({ kind: "latency", nth: 0 })).toThrow(/nth/)
      expect(() => sim.faults.inject({ kind: "latency", nth: 2, probability: 0.5 })).toThrow(/one trigger/)
      expect(() => sim.faults.inject("explode")).toThrow(/unknown fault kind/)
    }))
})

describe("the admin endpoint", () => {
  it("arms, lists and clears faults without a token, and reports state", () =>
    withSim({ rateLimit: 1 }, async ({ sim, api }) => {
      const armed = await fetch(`${sim.url}/__admin/faults`, { method: "POST", body: "scroll-expire@nth=2,truncate-body@p=0.5" })
      expect(armed.status).toBe(200)
      expect(((await armed.json()) as { ids: Array<string> }).ids).toHaveLength(2)
      const json = await fetch(`${sim.url}/__admin/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "latency", delayMs: 5, match: { path: "~^/tags$" } })
      })
      expect(json.status).toBe(200)
      const listed = (await (await fetch(`${sim.url}/__admin/faults`)).json()) as {
        faults: Array<{ spec: { kind: string; match?: { path?: string } } }>
      }
      expect(listed.faults.map((f) => f.spec.kind)).toEqual(["scroll-expire", "truncate-body", "latency"])
      expect(listed.faults[2]?.spec.match?.path).toBe(`~${/^\/tags$/.source}`)

      const bad = await fetch(`${sim.url}/__admin/faults`, { method: "POST", body: "nope@nth=1" })
      expect(bad.status).toBe(400)

      expect((await fetch(`${sim.url}/__admin/faults`, { method: "DELETE" })).status).toBe(200)
      expect(sim.faults.list()).toEqual([])

      // Not rate limited: rateLimit is 1, and the admin calls above did not use it up.
      expect((await api.get("/tags")).status).toBe(200)
      const state = (await (await fetch(`${sim.url}/__admin/state`)).json()) as {
        counts: { companies: number }
        rate_limit: { allowed: number }
      }
      expect(state.counts.companies).toBe(30)
      expect(state.rate_limit.allowed).toBe(1)
    }))
})
