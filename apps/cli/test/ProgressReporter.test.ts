import { describe, expect, it } from "vitest"
import { formatRestarts } from "../src/output/ProgressReporter.js"

describe("formatRestarts", () => {
  it("says restart for one, restarts otherwise", () => {
    expect([0, 1, 2].map(formatRestarts)).toEqual(["0 restarts", "1 restart", "2 restarts"])
  })
})
