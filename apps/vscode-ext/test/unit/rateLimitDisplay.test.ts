import { describe, expect, it } from "vitest"
import { rateLimitDisplay } from "../../src/status/rateLimitDisplay.ts"

const now = 1_000_000
const time = () => "12:00:10"

describe("rateLimitDisplay", () => {
  it("is hidden with no snapshot, with plenty left, and once the window has reset", () => {
    expect(rateLimitDisplay(undefined, now)).toEqual({ visible: false })
    expect(rateLimitDisplay({ limit: 166, remaining: 100, resetAtMillis: now + 5000 }, now)).toEqual({ visible: false })
    expect(rateLimitDisplay({ limit: 166, remaining: 3, resetAtMillis: now }, now)).toEqual({ visible: false })
  })

  it("shows remaining/limit below 30% with the reset time in the tooltip", () => {
    expect(rateLimitDisplay({ limit: 100, remaining: 30, resetAtMillis: now + 5000 }, now)).toEqual({ visible: false })
    expect(rateLimitDisplay({ limit: 100, remaining: 29, resetAtMillis: now + 5000 }, now).visible).toBe(true)
    const display = rateLimitDisplay({ limit: 166, remaining: 23, resetAtMillis: now + 6500 }, now, time)
    expect(display).toMatchObject({ visible: true, text: "$(watch) Intercom 23/166", exhausted: false })
    if (!display.visible) throw new Error("hidden")
    expect(display.tooltip).toContain("23 of 166 requests left")
    expect(display.tooltip).toContain("Resets at 12:00:10 (in 7 s)")
  })

  it("switches on just below the threshold, not at it", () => {
    expect(rateLimitDisplay({ limit: 10, remaining: 3, resetAtMillis: now + 1000 }, now).visible).toBe(false)
    expect(rateLimitDisplay({ limit: 10, remaining: 2, resetAtMillis: now + 1000 }, now).visible).toBe(true)
  })

  it("marks an exhausted budget, and never shows a negative count", () => {
    const display = rateLimitDisplay({ limit: 10, remaining: -1, resetAtMillis: now + 200 }, now, time)
    expect(display).toMatchObject({ visible: true, text: "$(watch) Intercom 0/10", exhausted: true })
    if (display.visible) expect(display.tooltip).toContain("(in 1 s)")
  })
})
