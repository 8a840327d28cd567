import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { networkInterfaces } from "node:os"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { linesOf, runCli } from "./support/runCli.js"

// An http:// base URL that is not this machine is refused before any request (the token would
// cross the network in clear text), unless --allow-insecure-http or INTERCOM_ALLOW_INSECURE_HTTP=1.
// The simulator listens on every interface and counts the requests that reach it.

const TOKEN = "tok_ClearText_Never_8Kd"

/** An IPv4 address of this machine that is not loopback: http:// to it counts as another machine. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === "IPv4" && !address.internal)?.address

const ipv6Loopback = Object.values(networkInterfaces())
  .flat()
  .some((address) => address !== undefined && address.family === "IPv6" && address.address === "::1")

let sim: Simulator
let requests = 0

beforeAll(async () => {
  sim = await startSimulator({ companies: 8, host: "::", token: TOKEN, log: () => requests++ })
})

afterAll(async () => {
  await sim?.close()
})

const urlAt = (host: string) => `http://${host}:${sim.port}`
const env = (extra: Record<string, string> = {}) => ({ env: { INTERCOM_TOKEN: TOKEN, ...extra } })

describe.skipIf(outsideAddress === undefined)("an http:// base URL on another machine", () => {
  it("is refused before any request, exit 2, saying why and how to allow it", async () => {
    const before = requests
    const url = urlAt(outsideAddress!)
    for (const result of [
      await runCli(["tags", "list", "--base-url", `${url}/`], env()),
      await runCli(["companies", "export", "--out", "-"], env({ INTERCOM_BASE_URL: url }))
    ]) {
      expect(result.code, result.stderr).toBe(2)
      expect(result.stdout).toBe("")
      expect(linesOf(result.stderr)).toEqual([
        `error: refusing to send the access token in clear text to ${url}: use https://, or allow unencrypted ` +
        "HTTP explicitly with --allow-insecure-http (or INTERCOM_ALLOW_INSECURE_HTTP=1) (without it, http:// is " +
        "only allowed to this machine: 127.0.0.1, localhost or [::1])"
      ])
    }
    expect(requests).toBe(before)
  })

  it("is refused before the token is asked for or read", async () => {
    const result = await runCli(["tags", "list", "--base-url", urlAt(outsideAddress!), "--token-file", "/nonexistent"])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^error: refusing to send the access token in clear text/)
  })

  it("works with --allow-insecure-http or INTERCOM_ALLOW_INSECURE_HTTP=1, with a warning", async () => {
    const url = urlAt(outsideAddress!)
    for (const result of [
      await runCli(["tags", "list", "--json", "--base-url", url, "--allow-insecure-http"], env()),
      await runCli(["tags", "list", "--json", "--base-url", url], env({ INTERCOM_ALLOW_INSECURE_HTTP: "1" }))
    ]) {
      expect(result.code, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout)).toHaveLength(sim.state.tags().length)
      expect(linesOf(result.stderr)).toEqual([
        `warning: the access token goes unencrypted to ${url} (--allow-insecure-http)`
      ])
    }
  })
})

describe("an http:// base URL on this machine", () => {
  it("works with no opt-in and no warning: 127.0.0.1, localhost, [::1]", async () => {
    const hosts = ["127.0.0.1", "localhost", ...(ipv6Loopback ? ["[::1]"] : [])]
    for (const host of hosts) {
      const result = await runCli(["tags", "list", "--json", "--base-url", urlAt(host)], env())
      expect(result.code, `${host}: ${result.stderr}`).toBe(0)
      expect(result.stderr).toBe("")
    }
  })
})
