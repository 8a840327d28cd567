import { describe, expect, it } from "vitest"
import { startSimulator } from "../src/index.js"
import { apiFor, expectErrorList, manualClock } from "./support/harness.js"

describe("rate limiting", () => {
  it("counts requests per window, reports them in headers, and answers 429 over the limit", async () => {
    const clock = manualClock(1_767_225_603_000) // 3 s into a 10 s window
    const sim = await startSimulator({ companies: 5, rateLimit: 3, rateWindowMs: 10_000, clock: clock.now })
    const api = apiFor(sim)
    try {
      const seen: Array<[number, string | null, string | null, string | null]> = []
      for (let i = 0; i < 4; i++) {
        const res = await api.get("/tags")
        seen.push([
          res.status,
          res.headers.get("x-ratelimit-limit"),
          res.headers.get("x-ratelimit-remaining"),
          res.headers.get("x-ratelimit-reset")
        ])
      }
      const reset = String(1_767_225_610)
      expect(seen).toEqual([
        [200, "3", "2", reset],
        [200, "3", "1", reset],
        [200, "3", "0", reset],
        [429, "3", "0", reset]
      ])
      expectErrorList(await api.get("/tags"), 429, "rate_limit_exceeded", "Exceeded rate limit of 3 in 10_seconds")
      expect(sim.state.rateLimit).toMatchObject({ allowed: 3, limited: 2, limit: 3, windowMs: 10_000 })

      // The next window starts fresh and Reset moves on by one window.
      clock.advance(7_000)
      const fresh = await api.get("/tags")
      expect(fresh.status).toBe(200)
      expect(fresh.headers.get("x-ratelimit-remaining")).toBe("2")
      expect(fresh.headers.get("x-ratelimit-reset")).toBe(String(1_767_225_620))
    } finally {
      await sim.close()
    }
  })

  it("puts the headers on every authenticated response, errors included, and none on a 401", async () => {
    const sim = await startSimulator({ companies: 5 })
    const api = apiFor(sim)
    try {
      const notFound = await api.get("/companies/nope")
      expect(notFound.status).toBe(404)
      expect(notFound.headers.get("x-ratelimit-limit")).toBe("166")
      const badVersion = await api.request("GET", "/tags", { version: "1.4" })
      expect(badVersion.status).toBe(400)
      expect(badVersion.headers.get("x-ratelimit-remaining")).not.toBeNull()
      const unauthorized = await api.request("GET", "/tags", { token: "wrong" })
      expect(unauthorized.status).toBe(401)
      expect(unauthorized.headers.get("x-ratelimit-limit")).toBeNull()
      // A reset is a unix time in seconds, within a window from now.
      const reset = Number(notFound.headers.get("x-ratelimit-reset"))
      expect(reset * 1000).toBeGreaterThan(Date.now() - 1000)
      expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 10_000 + 1000)
    } finally {
      await sim.close()
    }
  })

  it("uses real time windows: a client that waits for Reset gets through", async () => {
    const sim = await startSimulator({ companies: 5, rateLimit: 2, rateWindowMs: 200 })
    const api = apiFor(sim)
    try {
      let limited = false
      for (let i = 0; i < 3; i++) limited ||= (await api.get("/tags")).status === 429
      // Three requests may straddle a window boundary; keep going until one is refused.
      for (let i = 0; !limited && i < 10; i++) limited = (await api.get("/tags")).status === 429
      expect(limited).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 250))
      expect((await api.get("/tags")).status).toBe(200)
    } finally {
      await sim.close()
    }
  })
})
