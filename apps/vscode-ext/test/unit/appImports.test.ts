// Core is the one door (issue 10): the apps import `@intercom-explorer/core` (and the simulator for the
// demo), never http or models directly, in their sources and their tests alike. A plain scan of the
// files of every app, so that a new import fails here before review.
import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

const appsDir = path.resolve(import.meta.dirname, "../../..")
const skipped = new Set(["node_modules", "dist", "out", ".turbo", ".reports", "artifacts", ".vscode-test"])
const sourceFile = /\.(?:[cm]?[jt]s|tsx)$/

const filesUnder = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return []
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : sourceFile.test(entry.name) ? [full] : []
  })

/** `from "…"`, `import("…")`, `require("…")` and `import "…"` of http or models, subpaths included. */
const reachPastCore = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']@intercom-explorer\/(?:http|models)(?:\/[^"']*)?["']/

const importsPastCore = (file: string): Array<string> =>
  fs.readFileSync(file, "utf8").split("\n").flatMap((line, i) =>
    reachPastCore.test(line) ? [`${path.relative(appsDir, file)}:${i + 1}: ${line.trim()}`] : [])

describe("apps import only through core", () => {
  const apps = ["cli", "vscode-ext"]

  it.each(apps)("apps/%s imports neither @intercom-explorer/http nor @intercom-explorer/models", (app) => {
    const files = filesUnder(path.join(appsDir, app))
    // The scan did find the app's sources and tests.
    expect(files.some((f) => f.includes(`${path.sep}src${path.sep}`))).toBe(true)
    expect(files.some((f) => /\.test\.[cm]?[jt]s$/.test(f))).toBe(true)
    expect(files.flatMap(importsPastCore)).toEqual([])
  })

  it.each(apps)("apps/%s does not list them as dependencies either", (app) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(appsDir, app, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>
    const names = Object.keys({ ...manifest["dependencies"], ...manifest["devDependencies"] })
    expect(names).toContain("@intercom-explorer/core")
    expect(names.filter((name) => /^@intercom-explorer\/(?:http|models)$/.test(name))).toEqual([])
  })

  it("would catch one", () => {
    // Spelled through `scope`, so that this file passes its own scan.
    const scope = "@intercom-explorer"
    for (const line of [
      `import { Company } from "${scope}/models"`,
      `import type { Region } from '${scope}/http/connection'`,
      `const m = await import("${scope}/models")`,
      `export * from "${scope}/http"`
    ]) expect(reachPastCore.test(line), line).toBe(true)
    for (const line of [`import { Company } from "${scope}/core"`, `// see ${scope}/models`]) {
      expect(reachPastCore.test(line), line).toBe(false)
    }
  })
})
