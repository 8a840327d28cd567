#!/usr/bin/env node
// An Electron-free stand-in for the `code` executable that @vscode/test-electron launches:
//
//   vscode-web-test.mjs --extensionDevelopmentPath=DIR [...] --extensionTestsPath=FILE
//                       [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER] [ignored flags]
//
// VS Code desktop cannot be downloaded here, so the tests run in code-server (the real VS Code server,
// web workbench and Node extension host) opened by headless chromium. The development extension and
// the test runner reach the workbench through the `payload` URL parameter, the mechanism of VS Code's
// own test/integration/browser runner, which the built workbench honours only with
// `--vscode-option enable-smoke-test-driver`. The extension host reports its Mocha output through
// window.codeAutomationLog and its result through window.codeAutomationExit(code), both exposed here.
//
// Exit code: the test runner's (0 = all passed), or 1 with a clear message when anything in the
// harness fails (code-server or chromium missing, server does not start, page crash, timeout).
// It never skips.
//
// Env:
//   VSCODE_TEST_TIMEOUT_MS    whole-run limit (default 420000: the suite takes ~2 min alone, several times that on a loaded machine)
//   VSCODE_TEST_ARTIFACTS     on failure: screenshot, code-server log and VS Code logs go here
//   VSCODE_TEST_VERBOSE=1     also print workbench console noise that is filtered by default
//   KEEP_SCRATCH=1            keep the scratch dir (HOME, profiles, logs) after the run
//   CODE_SERVER_NODE + CODE_SERVER_ENTRY, CHROMIUM    use another code-server / browser
// Everything else in the environment reaches the extension host (e.g. the test runner's settings).
import fs from "node:fs"
import path from "node:path"
import util from "node:util"
import { launchBrowser } from "./lib/browser.mjs"
import { startCodeServer, writeUserSettings, readTail } from "./lib/codeServer.mjs"
import { elapsed, HarnessError, makeScratch } from "./lib/env.mjs"

const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 420_000)
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === "1"
const ARTIFACTS = process.env.VSCODE_TEST_ARTIFACTS
const tag = "[vscode-web-test]"

// Workbench console lines that say nothing about the tests (connection set-up, offline gallery, ...).
const NOISE = [
  "Ignoring fetching additional builtin extensions", "Creating a socket", "Resolving connection token",
  "Resolved connection token", "[AccountPolicyGate]", "[AgentHost:", "[Service Worker]",
  "[reconnection-grace-time]", "No search provider registered", "Updating additional builtin extensions cache",
  "Canceled: Canceled", "vsda", "Failed to load resource", "[perf]", "ExtensionService#_doActivateExtension",
  "Extension host with pid", "[LocalProcessExtensionHost]", "Started local extension host", "IPC Object URL",
  "Ignoring the error while validating workspace folder", "Long running operations"
]

const parseArgs = (argv) => {
  const out = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, ignored: [] }
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg)
    if (!m) {
      out.folder = path.resolve(arg)
      continue
    }
    const [, key, value] = m
    if (key === "extensionDevelopmentPath") out.devPaths.push(path.resolve(value))
    else if (key === "extensionTestsPath") out.testsPath = path.resolve(value)
    else if (key === "user-data-dir") out.userDataDir = path.resolve(value)
    else if (key === "extensions-dir") out.extensionsDir = path.resolve(value)
    else out.ignored.push(arg) // --no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...: Electron only
  }
  return out
}

const main = async () => {
  const started = Date.now()
  const args = parseArgs(process.argv.slice(2))
  if (!args.testsPath || args.devPaths.length === 0) {
    throw new HarnessError(
      "usage: vscode-web-test.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]"
    )
  }
  for (const p of [...args.devPaths, args.testsPath, ...(args.folder ? [args.folder] : [])]) {
    if (!fs.existsSync(p)) throw new HarnessError(`${p} does not exist`, p === args.testsPath ? "build the test bundle first (node esbuild.mjs)" : undefined)
  }

  const scratch = makeScratch("vscode-web-test")
  const userDataDir = args.userDataDir ?? scratch.dir("user-data")
  const extensionsDir = args.extensionsDir ?? scratch.dir("extensions")
  fs.mkdirSync(extensionsDir, { recursive: true })
  writeUserSettings(userDataDir)

  let server, browser, page
  let exitCode = 1
  const cleanup = async () => {
    await browser?.close().catch(() => {})
    await server?.stop()
  }
  // Ctrl+C from runTests (it sends SIGINT to this process) or a CI cancel: still stop everything.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.error(`${tag} ${signal}: stopping code-server and chromium`)
      void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143))
    })
  }

  try {
    server = await startCodeServer({ scratch, userDataDir, extensionsDir, smokeTestDriver: true })
    console.log(`${tag} code-server at ${server.url} (${elapsed(started)})`)

    const payload = [
      ...args.devPaths.map((p) => ["extensionDevelopmentPath", server.remoteUri(p)]),
      ["extensionTestsPath", server.remoteUri(args.testsPath)],
      ["skipWelcome", "true"],
      ["skipReleaseNotes", "true"]
    ]
    const where = args.folder ? `folder=${encodeURIComponent(args.folder)}` : "ew=true"
    const url = `${server.url}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`

    ;({ context: browser, page } = await launchBrowser(scratch))
    const result = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new HarnessError(`timed out after ${TIMEOUT_MS} ms without a result from the extension host`,
          "did the development extension load? (code-server needs --vscode-option enable-smoke-test-driver)")),
        TIMEOUT_MS
      )
      page.on("crash", () => reject(new HarnessError("the workbench page crashed")))
      // Server death (e.g. a native module that fails to load) is checked once a second.
      const watchdog = setInterval(() => {
        if (server.exited() !== null) reject(new HarnessError(`code-server exited (${server.exited()}) during the run`))
      }, 1000)
      void page.exposeFunction("codeAutomationLog", (type, logArgs) => {
        const text = util.format(...(logArgs ?? []))
        if (!VERBOSE && NOISE.some((n) => text.includes(n))) return
        ;(console[type] ?? console.log)(...(logArgs ?? []))
      })
      void page.exposeFunction("codeAutomationExit", (code, logs) => {
        clearTimeout(timer)
        clearInterval(watchdog)
        resolve({ code, logs })
      })
    })
    page.on("pageerror", (e) => console.error(`${tag} [pageerror]`, e.message))

    await page.goto(url)
    const { code, logs } = await result
    exitCode = typeof code === "number" ? code : 1
    if (exitCode !== 0) saveFailureArtifacts({ server, logs })
  } catch (error) {
    exitCode = 1
    console.error(`${tag} FAILED: ${error.message}`)
    if (page) await saveScreenshot(page)
    if (server) saveFailureArtifacts({ server })
    if (server && !ARTIFACTS) console.error(`${tag} code-server log (tail):\n${readTail(server.logFile, 30)}`)
  } finally {
    await cleanup()
  }
  const kept = !scratch.dispose({ keep: exitCode !== 0 })
  if (kept) console.error(`${tag} scratch dir kept: ${scratch.root}`)
  console.log(`${tag} exit code ${exitCode} after ${elapsed(started)}`)
  return exitCode
}

const saveScreenshot = async (page) => {
  if (!ARTIFACTS) return
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, "failure.png") }).catch(() => {})
}

// VS Code hands its own logs (window, extension host, our "Intercom" channel) to codeAutomationExit.
const saveFailureArtifacts = ({ server, logs = [] }) => {
  if (!ARTIFACTS) return
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  fs.copyFileSync(server.logFile, path.join(ARTIFACTS, "code-server.log"))
  for (const { relativePath, contents } of logs ?? []) {
    const file = path.join(ARTIFACTS, "vscode-logs", relativePath)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, contents)
  }
  console.error(`${tag} logs saved under ${ARTIFACTS}`)
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`${tag} ${error instanceof HarnessError ? "" : "unexpected error: "}${error.message}`)
    process.exit(1)
  }
)
