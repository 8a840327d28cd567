import { describe, expect, it } from "vitest"
import { apiFor, expectErrorList, manualClock } from "./support/harness.js"
import { startSimulator } from "../src/index.js"

// Scroll semantics, driven by a manual clock so that the one-minute TTL costs no real time.

const start = async (options: { companies?: number; scrollPageSize?: number; scrollTtlMs?: number } = {}) => {
  const clock = manualClock()
  const sim = await startSimulator({ companies: 45, seed: 11, scrollPageSize: 10, clock: clock.now, ...options })
  return { sim, api: apiFor(sim), clock }
}

describe("scroll", () => {
  it("walks every company exactly once, ends with an empty page, then the param is gone", async () => {
    const { sim, api } = await start()
    try {
      const first = await api.get("/companies/scroll")
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ type: "list", pages: null, total_count: null })
      expect(first.body.data).toHaveLength(10)
      const param = first.body.scroll_param as string
      expect(param).toMatch(/^[0-9a-f-]{36}$/)

      const seen: Array<string> = first.body.data.map((c: { id: string }) => c.id)
      for (;;) {
        const page = await api.get(`/companies/scroll?scroll_param=${param}`)
        expect(page.status).toBe(200)
        expect(page.body.scroll_param).toBe(param)
        if (page.body.data.length === 0) break
        seen.push(...page.body.data.map((c: { id: string }) => c.id))
      }
      expect(seen).toEqual(sim.state.companies.ids())
      expect(sim.state.scroll).toMatchObject({ started: 1, pagesServed: 5, completed: 1, open: false })

      expectErrorList(await api.get(`/companies/scroll?scroll_param=${param}`), 404, "not_found", "scroll parameter not found")
      // The lock went with the end of the scroll: a new one may start at once.
      expect((await api.get("/companies/scroll")).status).toBe(200)
    } finally {
      await sim.close()
    }
  })

  it("allows one open scroll per app (400 scroll_exists) until it ends or expires", async () => {
    const { sim, api, clock } = await start({ scrollTtlMs: 60_000 })
    try {
      const first = await api.get("/companies/scroll")
      expectErrorList(await api.get("/companies/scroll"), 400, "scroll_exists", "scroll already exists for this app")
      clock.advance(59_000)
      // Using the scroll keeps it alive: its TTL counts from the last use.
      expect((await api.get(`/companies/scroll?scroll_param=${first.body.scroll_param}`)).status).toBe(200)
      clock.advance(59_000)
      expectErrorList(await api.get("/companies/scroll"), 400, "scroll_exists")
      expect(sim.state.scroll.refusals).toBe(2)
      clock.advance(2_000)
      expect((await api.get("/companies/scroll")).status).toBe(200)
    } finally {
      await sim.close()
    }
  })

  it("expires a param idle for longer than the TTL (404)", async () => {
    const { sim, api, clock } = await start({ scrollTtlMs: 1_000 })
    try {
      const first = await api.get("/companies/scroll")
      clock.advance(1_001)
      expectErrorList(
        await api.get(`/companies/scroll?scroll_param=${first.body.scroll_param}`),
        404,
        "not_found",
        "scroll parameter not found"
      )
      expect(sim.state.scroll.expired).toBe(1)
      expect(sim.state.scroll.open).toBe(false)
    } finally {
      await sim.close()
    }
  })

  it("expires with the real clock too (small TTL)", async () => {
    const sim = await startSimulator({ companies: 20, scrollPageSize: 5, scrollTtlMs: 50 })
    const api = apiFor(sim)
    try {
      const first = await api.get("/companies/scroll")
      await new Promise((resolve) => setTimeout(resolve, 120))
      expectErrorList(await api.get(`/companies/scroll?scroll_param=${first.body.scroll_param}`), 404, "not_found")
    } finally {
      await sim.close()
    }
  })

  it("rejects an unknown param with 404", async () => {
    const { sim, api } = await start()
    try {
      expectErrorList(await api.get("/companies/scroll?scroll_param=not-a-scroll"), 404, "not_found")
    } finally {
      await sim.close()
    }
  })

  it("defaults to 100 companies per page", async () => {
    const sim = await startSimulator({ companies: 250 })
    const api = apiFor(sim)
    try {
      const first = await api.get("/companies/scroll")
      expect(first.body.data).toHaveLength(100)
    } finally {
      await sim.close()
    }
  })

  it("skips companies deleted mid-scroll and reflects edits made mid-scroll", async () => {
    const { sim, api } = await start()
    try {
      const ids = sim.state.companies.ids()
      const first = await api.get("/companies/scroll")
      const param = first.body.scroll_param as string
      const doomed = ids[15] ?? ""
      const edited = ids[25] ?? ""
      await api.del(`/companies/${doomed}`)
      await api.put(`/companies/${edited}`, { name: "Renamed mid-scroll" })
      const seen: Array<{ id: string; name: string }> = [...first.body.data]
      for (;;) {
        const page = await api.get(`/companies/scroll?scroll_param=${param}`)
        if (page.body.data.length === 0) break
        expect(page.body.data.length).toBeLessThanOrEqual(10)
        seen.push(...page.body.data)
      }
      expect(seen.map((c) => c.id)).toEqual(ids.filter((id) => id !== doomed))
      expect(seen.find((c) => c.id === edited)?.name).toBe("Renamed mid-scroll")
    } finally {
      await sim.close()
    }
  })
})
