import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import * as light from "../../src/connection/index.js"
import * as core from "../../src/index.js"

// `@intercom-explorer/core/connection` is what the extension's activation bundle imports; the main
// entry pulls all of effect (about 300 KB). Bundled as the extension bundles it, it must stay free of it.

const coreDir = fileURLToPath(new URL("../..", import.meta.url))

const inputsOf = async (source: string): Promise<ReadonlyArray<string>> => {
  const result = await build({
    stdin: { contents: source, resolveDir: coreDir, loader: "ts" },
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    conditions: ["@intercom-explorer/source"],
    metafile: true,
    logLevel: "silent"
  })
  return Object.keys(result.metafile.inputs)
}

describe("the light entry @intercom-explorer/core/connection", () => {
  it("bundles without any module of effect", async () => {
    const inputs = await inputsOf(`export * from "@intercom-explorer/core/connection"`)
    // It did resolve our sources (else the check below would pass on nothing).
    expect(inputs.some((input) => input.includes("Redaction.ts"))).toBe(true)
    expect(inputs.some((input) => input.includes("describeError.ts"))).toBe(true)
    expect(inputs.filter((input) => input.includes("effect"))).toEqual([])
  })

  it("the check can fail: the main entry brings effect in", async () => {
    const inputs = await inputsOf(`export { regions } from "@intercom-explorer/core"`)
    expect(inputs.some((input) => input.includes("node_modules/effect/"))).toBe(true)
  })

  it("exports the same values as the main entry", () => {
    const main: Record<string, unknown> = core
    for (const [name, value] of Object.entries(light)) expect(main[name], name).toBe(value)
    expect(Object.keys(light)).toEqual(expect.arrayContaining(["describeError", "redact", "regions", "isLoopbackHost"]))
  })
})
