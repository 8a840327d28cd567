// Checks `pnpm demo` the way a person uses it: starts it (code-server flavour) in the background,
// opens the URL it prints in headless chromium, waits for the demo companies in the Companies view
// (the demo folder's .intercom-demo marker activates the extension, which opens the demo workspace
// by itself), saves a screenshot to artifacts/demo/, and stops the demo with a SIGINT to its process
// group (a terminal's Ctrl+C), which must end it with exit 0. (test-harness/demo-signals.mjs checks
// the stopping in every phase, and that nothing is left behind.)
//
//   node test-harness/demo-check.mjs          (from apps/vscode-ext; a few minutes the very first time)
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { launchBrowser } from "./lib/browser.mjs"
import { ARTIFACTS_DIR, elapsed, makeScratch, REPO_DIR } from "./lib/env.mjs"

const started = Date.now()
const artifacts = path.join(ARTIFACTS_DIR, "demo")
fs.mkdirSync(artifacts, { recursive: true })
const log = fs.openSync(path.join(artifacts, "pnpm-demo.log"), "w")

// Its own process group, so that the SIGINT reaches pnpm and the launcher as a terminal's Ctrl+C would;
// the launcher then stops code-server.
const demo = spawn("pnpm", ["demo"], {
  cwd: REPO_DIR,
  detached: true,
  stdio: ["ignore", "pipe", log],
  env: { ...process.env, INTERCOM_DEMO_SERVER: "1" }
})
const stopDemo = async () => {
  const exited = demo.exitCode !== null || demo.signalCode !== null
  if (!exited) {
    try {
      process.kill(-demo.pid, "SIGINT")
    } catch {}
  }
  return await new Promise((resolve) => (exited ? resolve(demo.exitCode ?? demo.signalCode) : demo.once("exit", (c, s) => resolve(c ?? s))))
}

const url = await new Promise((resolve, reject) => {
  let output = ""
  const timer = setTimeout(() => reject(new Error(`no URL from pnpm demo within 10 min:\n${output}`)), 600_000)
  demo.stdout.on("data", (chunk) => {
    fs.writeSync(log, chunk)
    output += chunk
    const match = /^demo: open (http:\/\/\S+)$/m.exec(output)
    if (match) {
      clearTimeout(timer)
      resolve(match[1])
    }
  })
  demo.once("exit", (code) => reject(new Error(`pnpm demo exited (${code}) before printing a URL:\n${output}`)))
})
console.log(`demo-check: pnpm demo printed ${url} (${elapsed(started)})`)

const scratch = makeScratch("intercom-demo-check")
let failed = false
try {
  const { context, page } = await launchBrowser(scratch)
  try {
    page.setDefaultTimeout(60_000)
    await page.goto(url)
    await page.locator(".monaco-workbench").waitFor()
    const rows = page.getByRole("tree", { name: "Companies" }).getByRole("treeitem")
    await rows.nth(4).waitFor()
    const labels = (await rows.locator(".label-name").allInnerTexts()).map((s) => s.trim())
    console.log(`demo-check: the Companies view shows ${labels.length} rows, e.g. ${labels.slice(0, 4).join(", ")}`)
    const shot = path.join(artifacts, "pnpm-demo.png")
    await page.screenshot({ path: shot })
    console.log(`demo-check: screenshot ${path.relative(process.cwd(), shot)}`)
  } catch (error) {
    failed = true
    await page.screenshot({ path: path.join(artifacts, "pnpm-demo-FAILED.png") }).catch(() => {})
    console.error(`demo-check: FAILED: ${error.message}`)
  } finally {
    await context.close()
  }
} finally {
  const code = await stopDemo()
  if (code !== 0) {
    failed = true
    console.error(`demo-check: FAILED: pnpm demo exited ${code} after Ctrl+C, expected 0 (log: ${path.join(artifacts, "pnpm-demo.log")})`)
  }
  scratch.dispose()
}
console.log(`demo-check: ${failed ? "FAILED" : "ok"} in ${elapsed(started)}`)
process.exit(failed ? 1 : 0)
