// `pnpm demo`: builds the extension and opens VS Code on demo-workspace/, whose settings start the
// Intercom demo workspace (an in-host simulator with sample companies), so there is something to
// see without an Intercom account.
//
//   desktop VS Code (`code` on PATH):  code --extensionDevelopmentPath=<ext> demo-workspace/
//   otherwise:                         code-server (provisioned into <repo>/.tools on first use) on
//                                      127.0.0.1 with the packaged .vsix installed in a dedicated
//                                      extensions dir; the URL is printed; Ctrl+C stops it
//
//   node scripts/demo.mjs [--server] [--port N]
//     --server    use code-server even when `code` is on PATH (also INTERCOM_DEMO_SERVER=1)
//     --port      port for code-server (default: a free one; also INTERCOM_DEMO_PORT)
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { installExtension, startCodeServer, writeUserSettings } from "../test-harness/lib/codeServer.mjs"
import { EXTENSION_DIR, HarnessError, makeScratch, REPO_DIR, VSIX_PATH } from "../test-harness/lib/env.mjs"

const DEMO_FOLDER = path.join(EXTENSION_DIR, "demo-workspace")
const args = process.argv.slice(2)
const forceServer = args.includes("--server") || process.env.INTERCOM_DEMO_SERVER === "1"
const portArg = args.includes("--port") ? args[args.indexOf("--port") + 1] : process.env.INTERCOM_DEMO_PORT
const say = (line) => console.log(`demo: ${line}`)

const run = (cmd, cmdArgs, what) => {
  const result = spawnSync(cmd, cmdArgs, { cwd: EXTENSION_DIR, stdio: "inherit" })
  if (result.status !== 0) throw new HarnessError(`${what} failed (${result.status ?? result.signal})`)
}

const onPath = (name) =>
  (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && fs.existsSync(path.join(dir, name)))

/** Desktop VS Code: the extension straight from the development bundle, no packaging. */
const openDesktop = () => {
  run(process.execPath, ["esbuild.mjs"], "the extension build")
  say(`opening VS Code on ${DEMO_FOLDER}`)
  const child = spawn("code", [`--extensionDevelopmentPath=${EXTENSION_DIR}`, DEMO_FOLDER], { stdio: "inherit" })
  child.on("exit", (code) => process.exit(code ?? 0))
}

/**
 * code-server needs Node 24 and native modules built on this machine: the harness's provisioning
 * script does that once (a few minutes) and returns at once afterwards. Its system prerequisite
 * (libkrb5-dev for one native module) comes from scripts/provision-system.sh, run here when we can.
 */
const provision = () => {
  if (!fs.existsSync("/usr/include/gssapi/gssapi.h") && process.getuid?.() === 0) {
    run("bash", [path.join(REPO_DIR, "scripts/provision-system.sh")], "scripts/provision-system.sh")
  }
  run("bash", ["test-harness/provision-code-server.sh"], "provisioning code-server")
}

const openServer = async () => {
  provision()
  // The packaged extension, as a user installs it; the development payload would need the
  // smoke-test driver, which hides notification toasts.
  run(process.execPath, ["esbuild.mjs", "--production"], "the production build")
  run(path.join(EXTENSION_DIR, "node_modules/.bin/vsce"), ["package", "--no-dependencies", "--out", VSIX_PATH], "vsce package")
  // Back to the development bundle the tests load from dist/ (the .vsix holds its own copy).
  run(process.execPath, ["esbuild.mjs"], "the development build")

  const scratch = makeScratch("intercom-demo")
  const userDataDir = scratch.dir("user-data")
  const extensionsDir = scratch.dir("extensions")
  writeUserSettings(userDataDir, { "workbench.startupEditor": "none" })
  installExtension(VSIX_PATH, { scratch, userDataDir, extensionsDir })
  const server = await startCodeServer({ scratch, userDataDir, extensionsDir, folder: DEMO_FOLDER, port: portArg ? Number(portArg) : undefined })

  const stop = async (signal) => {
    say(`${signal}: stopping code-server`)
    await server.stop()
    scratch.dispose()
    process.exit(0)
  }
  process.once("SIGINT", () => void stop("SIGINT"))
  process.once("SIGTERM", () => void stop("SIGTERM"))

  // The one line other tools look for (see test-harness/demo-check.mjs).
  console.log(`demo: open ${server.url}/?folder=${encodeURIComponent(DEMO_FOLDER)}`)
  say("the Intercom view opens with the demo companies; press Ctrl+C to stop")
  const watchdog = setInterval(() => {
    if (server.exited() !== null) {
      clearInterval(watchdog)
      console.error(`demo: code-server exited (${server.exited()}); its log: ${server.logFile}`)
      process.exit(1)
    }
  }, 1000)
}

try {
  if (!forceServer && onPath(process.platform === "win32" ? "code.cmd" : "code")) openDesktop()
  else await openServer()
} catch (error) {
  console.error(`demo: ${error instanceof HarnessError ? "" : "unexpected error: "}${error.message}`)
  process.exit(1)
}
