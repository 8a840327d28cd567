import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

// Core is the one door: the command line imports @intercom-explorer/core (the replica for `companies
// sync` and `companies query`, plans for `plan`, `apply` and `undo`, the simulator for its `simulator`
// command), never http or models directly.

const cliDir = path.resolve(import.meta.dirname, "..")

const sourcesUnder = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourcesUnder(path.join(dir, entry.name))
      : /\.(ts|mts|mjs)$/.test(entry.name) ? [path.join(dir, entry.name)] : []
  )

const ourImports = (file: string): ReadonlyArray<string> =>
  [...readFileSync(file, "utf8").matchAll(/from\s+"(@intercom-explorer\/[^"/]+)[^"]*"|import\(\s*"(@intercom-explorer\/[^"/]+)/g)]
    .map((match) => match[1] ?? match[2]!)

describe("the CLI's imports", () => {
  const files = ["src", "test", "bench"].flatMap((dir) => {
    try {
      return sourcesUnder(path.join(cliDir, dir))
    } catch {
      return []
    }
  })

  it("reach our packages only through core (and the replica, plans and the simulator)", () => {
    const allowed = ["@intercom-explorer/core", "@intercom-explorer/replica", "@intercom-explorer/plans", "@intercom-explorer/simulator"]
    const offending = files.flatMap((file) =>
      ourImports(file)
        .filter((name) => !allowed.includes(name))
        .map((name) => `${path.relative(cliDir, file)}: ${name}`)
    )
    expect(offending).toEqual([])
  })

  it("the scan sees the imports it checks", () => {
    expect(files.flatMap(ourImports)).toContain("@intercom-explorer/core")
    expect(ourImports(path.join(cliDir, "src/commands/SimulatorCommand.ts"))).toContain("@intercom-explorer/simulator")
  })

  it("the package lists neither http nor models", () => {
    const manifest = JSON.parse(readFileSync(path.join(cliDir, "package.json"), "utf8")) as Record<string, Record<string, string>>
    const listed = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    expect(listed.filter((name) => /^@intercom-explorer\/(http|models)$/.test(name))).toEqual([])
  })
})
