// UI end-to-end runner: every test-harness/ui/checks/*.check.mjs gets its own fresh workbench
// (code-server + headless chromium + the packaged extension), and its checks run in order on it.
//
//   node test-harness/ui/run.mjs [--dev] [--grep <regexp>] [file.check.mjs ...]
//     --dev     load the extension from source (extensionDevelopmentPath) instead of the .vsix
//     --grep    run only the checks whose "<file> > <name>" matches
//
// A check file:
//   export default {
//     workbench: { settings: { ... } },            // optional Workbench.start options
//     async setup(wb) {}, async teardown(wb) {},   // optional, e.g. start/stop a simulator
//     checks: {
//       "the Intercom container shows three views": async (wb) => { ... throw to fail ... },
//     },
//   }
// A screenshot is saved after every check under artifacts/ui/<file>/ (…-FAILED.png on failure).
// Results go to .reports/ui.json (vitest JSON-reporter shape) for scripts/test-summary.mjs.
// Exit code 0 only when at least one check ran and none failed.
import fs from "node:fs"
import path from "node:path"
import { ARTIFACTS_DIR, elapsed, EXTENSION_DIR, HarnessError, locateChromium, locateCodeServer, REPORTS_DIR, VSIX_PATH } from "../lib/env.mjs"
import { writeReport } from "../lib/report.mjs"
import { Workbench } from "./workbench.mjs"

/**
 * The default export of a *.check.mjs file.
 * @typedef {object} CheckFile
 * @property {Parameters<typeof Workbench.start>[0]} [workbench]  options for Workbench.start (settings, folder, env)
 * @property {(wb: Workbench) => Promise<void>} [setup]            runs once the workbench is up
 * @property {(wb: Workbench) => Promise<void>} [teardown]         runs after the last check
 * @property {Record<string, (wb: Workbench) => Promise<void>>} checks  name -> check, run in order; throw to fail
 */

const CHECK_TIMEOUT_MS = Number(process.env.UI_CHECK_TIMEOUT_MS ?? 90_000)
const checksDir = path.join(import.meta.dirname, "checks")
const report = path.join(REPORTS_DIR, "ui.json")
const artifactsRoot = path.join(ARTIFACTS_DIR, "ui")

const parseArgs = (argv) => {
  const out = { dev: false, grep: undefined, files: [] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dev") out.dev = true
    else if (argv[i] === "--grep") out.grep = new RegExp(argv[++i])
    else out.files.push(path.resolve(argv[i]))
  }
  return out
}

/** The .vsix must exist and be newer than everything it is built from, or the run tests stale code. */
const assertFreshVsix = () => {
  const hint = "run: pnpm --filter intercom-explorer package   (or pass --dev to test the sources)"
  if (!fs.existsSync(VSIX_PATH)) throw new HarnessError(`${VSIX_PATH} does not exist`, hint)
  const vsixTime = fs.statSync(VSIX_PATH).mtimeMs
  const inputs = [path.join(EXTENSION_DIR, "package.json"), ...walk(path.join(EXTENSION_DIR, "src")), ...walk(path.join(EXTENSION_DIR, "media"))]
  const newer = inputs.filter((f) => fs.statSync(f).mtimeMs > vsixTime)
  if (newer.length > 0) throw new HarnessError(`${path.basename(VSIX_PATH)} is older than ${path.relative(EXTENSION_DIR, newer[0])}`, hint)
}
const walk = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    : []

const withTimeout = (promise, ms, what) => {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)))
  ]).finally(() => clearTimeout(timer))
}

const main = async () => {
  const started = Date.now()
  const args = parseArgs(process.argv.slice(2))
  locateCodeServer()
  locateChromium()
  if (!args.dev) assertFreshVsix()

  const files = args.files.length > 0
    ? args.files
    : fs.readdirSync(checksDir).filter((f) => f.endsWith(".check.mjs")).sort().map((f) => path.join(checksDir, f))
  if (files.length === 0) throw new HarnessError(`no *.check.mjs files in ${checksDir}`)

  fs.rmSync(artifactsRoot, { recursive: true, force: true })
  const results = []
  for (const file of files) {
    const fileName = path.basename(file, ".check.mjs")
    const spec = (await import(file)).default
    if (!spec?.checks || Object.keys(spec.checks).length === 0) throw new HarnessError(`${file} exports no checks`)
    const selected = Object.entries(spec.checks).filter(([name]) => !args.grep || args.grep.test(`${fileName} > ${name}`))
    if (selected.length === 0) continue

    console.log(`\n  ${fileName}`)
    const artifacts = path.join(artifactsRoot, fileName)
    let wb
    let fileFailed = false
    try {
      const t0 = Date.now()
      wb = await Workbench.start({ ...spec.workbench, extension: args.dev ? "dev" : "vsix", artifacts })
      await spec.setup?.(wb)
      console.log(`    (workbench ready in ${elapsed(t0)})`)
    } catch (error) {
      // Every selected check of the file counts as failed: a workbench that does not start is a failure.
      console.log(`    ✘ workbench did not start: ${error.message}`)
      for (const [name] of selected) results.push({ file: fileName, name, ok: false, error: `workbench did not start: ${error.message}` })
      await wb?.stop({ failed: true })
      continue
    }

    for (const [index, [name, run]] of selected.entries()) {
      const t0 = Date.now()
      const shot = `${String(index + 1).padStart(2, "0")}-${name}`
      try {
        await withTimeout(run(wb), CHECK_TIMEOUT_MS, `check "${name}"`)
        await wb.screenshot(shot)
        results.push({ file: fileName, name, ok: true, ms: Date.now() - t0 })
        console.log(`    ✔ ${name} (${elapsed(t0)})`)
      } catch (error) {
        fileFailed = true
        const png = await wb.screenshot(`${shot}-FAILED`).catch(() => undefined)
        results.push({ file: fileName, name, ok: false, ms: Date.now() - t0, error: error.message })
        console.log(`    ✘ ${name} (${elapsed(t0)})\n      ${String(error.message).split("\n").join("\n      ")}`)
        if (png) console.log(`      screenshot: ${path.relative(process.cwd(), png)}`)
        // A check that failed half-way may leave a quick input or menu open; close it for the next one.
        await wb.page.keyboard.press("Escape").catch(() => {})
      }
    }
    try {
      await spec.teardown?.(wb)
    } catch (error) {
      fileFailed = true
      results.push({ file: fileName, name: "teardown", ok: false, error: error.message })
      console.log(`    ✘ teardown: ${error.message}`)
    }
    if (fileFailed && wb.serverLog) {
      // The scratch dir is kept too, but on CI only artifacts/ survives the run.
      fs.mkdirSync(artifacts, { recursive: true })
      fs.copyFileSync(wb.serverLog, path.join(artifacts, "code-server.log"))
    }
    await wb.stop({ failed: fileFailed })
  }

  const { passed, failed } = writeReport(report, {
    results,
    runner: `playwright-core UI checks (${args.dev ? "development extension" : "packaged .vsix"})`,
    success: (passed, failed) => failed === 0 && passed > 0
  })

  console.log(`\n  ${passed} passing, ${failed} failing (${elapsed(started)}); screenshots in ${path.relative(process.cwd(), artifactsRoot) || "."}`)
  if (results.length === 0) throw new HarnessError("no UI check ran (did --grep match nothing?)")
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`ui: ${error instanceof HarnessError ? "" : "unexpected error: "}${error.message}`)
    // Still leave a report, so the summary counts this run as failed instead of missing.
    fs.mkdirSync(REPORTS_DIR, { recursive: true })
    fs.writeFileSync(report, JSON.stringify({ numTotalTests: 1, numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, success: false, error: error.message }, null, 2))
    process.exit(1)
  }
)
