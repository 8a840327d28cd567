// `pnpm demo`: builds the extension and opens VS Code on demo-workspace/, which starts the Intercom
// demo workspace (an in-host simulator with sample companies), so there is something to see without
// an Intercom account.
//
//   desktop VS Code (`code` on PATH):  esbuild (development bundle, about a second), then
//                                      code --extensionDevelopmentPath=<ext> demo-workspace/
//                                      (no packaging, no code-server)
//   otherwise:                         code-server (VS Code in the browser, provisioned into
//                                      <repo>/.tools on first use: about 1.5 minutes and 500 MB, with a
//                                      progress line at least every 10 s; later runs skip it) on
//                                      127.0.0.1 with the packaged .vsix installed in a scratch
//                                      extensions dir; the URL is printed; Ctrl+C stops it
//
//   node scripts/demo.mjs [--server] [--port N]
//     --server    use code-server even when `code` is on PATH (also INTERCOM_DEMO_SERVER=1)
//     --port      port for code-server (default: a free one; also INTERCOM_DEMO_PORT)
//
// Ctrl+C (or SIGTERM/SIGHUP), in any phase: the running step is stopped (a half-done provisioning
// is removed; .tools/ keeps only complete installs), code-server and its extension hosts are stopped,
// the scratch folder (/tmp/intercom-demo-*) is removed, and the script exits 0. A second Ctrl+C
// skips the waiting and kills what is left at once.
// Under pnpm, no ELIFECYCLE needs one more thing: pnpm runs a script through `sh -c`, and dash (Debian's
// sh) dies of the terminal's SIGINT at once, whatever its child does, so pnpm reports the script as
// killed. The package.json scripts therefore `exec` this file (`exec node scripts/demo.mjs`): then
// pnpm's child is this process, which exits 0.
//
// Every child runs in its own process group: a terminal's Ctrl+C (sent to the whole foreground
// group) reaches only this script, which stops the children itself, so their dying words do not
// spill over the terminal, and stopping a child stops its whole tree (npm -> node-gyp -> make -> cc,
// code-server -> extension host).
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { installExtensionCommand, readTail, startCodeServer, writeUserSettings } from "../test-harness/lib/codeServer.mjs"
import { EXTENSION_DIR, HarnessError, makeScratch, REPO_DIR } from "../test-harness/lib/env.mjs"
import { groupAlive, signalGroup, sleep } from "../test-harness/lib/processGroups.mjs"

const DEMO_FOLDER = path.join(EXTENSION_DIR, "demo-workspace")
const args = process.argv.slice(2)
const forceServer = args.includes("--server") || process.env.INTERCOM_DEMO_SERVER === "1"
const portArg = args.includes("--port") ? args[args.indexOf("--port") + 1] : process.env.INTERCOM_DEMO_PORT
const started = Date.now()
const clock = () => {
  const s = Math.round((Date.now() - started) / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`
}
const say = (line) => console.log(`demo: ${line}`)

// ---- what has to be stopped and removed on the way out --------------------------------------------
/** Running children: pid (= process group) -> { what, protect }. */
const children = new Map()
/** Process groups of code-server, once started. */
const servers = new Set()
let scratch = null
let stopping = false

const waitGroups = async (pids, ms) => {
  for (const end = Date.now() + ms; Date.now() < end && pids.some(groupAlive); ) await sleep(100)
  return pids.filter(groupAlive)
}

const removeScratch = () => {
  if (scratch === null) return
  try {
    fs.rmSync(scratch.root, { recursive: true, force: true })
  } catch {}
  scratch = null
}

/** Stops everything and exits; `code` 0 for a stop the user asked for. */
const shutdown = async (why, code) => {
  stopping = true
  const protectedSteps = [...children.values()].filter((c) => c.protect)
  if (protectedSteps.length > 0) {
    say(`${why}: waiting for ${protectedSteps[0].what} to finish (interrupting it could leave the system half-configured); Ctrl+C again stops it anyway`)
  } else {
    say(`${why}: stopping${servers.size > 0 ? " code-server" : ""}${children.size > 0 ? ` (${[...children.values()].map((c) => c.what).join(", ")})` : ""}`)
  }
  for (const [pid, c] of children) if (!c.protect) signalGroup(pid, "SIGTERM")
  for (const pid of servers) signalGroup(pid, "SIGTERM")
  // A provisioning interrupted half-way removes its partial install before it exits: give it time.
  const left = await waitGroups([...children.keys(), ...servers], protectedSteps.length > 0 ? 30 * 60_000 : 20_000)
  for (const pid of left) signalGroup(pid, "SIGKILL")
  children.clear()
  servers.clear()
  removeScratch()
  say(code === 0 ? "stopped" : "stopped after an error")
  process.exit(code)
}

/** A second signal while stopping: kill what is left at once. */
const forceExit = () => {
  for (const pid of [...children.keys(), ...servers]) signalGroup(pid, "SIGKILL")
  removeScratch()
  say("stopped (forced)")
  process.exit(0)
}

// One Ctrl+C often arrives more than once: the terminal signals the whole foreground group, and pnpm
// forwards SIGINT (then SIGTERM) to its script as well. Only a signal 2 s or more after the first
// counts as a second one.
let firstSignalAt = 0
const onSignal = (name) => () => {
  if (!stopping) {
    firstSignalAt = Date.now()
    void shutdown(name === "SIGINT" ? "Ctrl+C" : name, 0)
  } else if (Date.now() - firstSignalAt >= 2000) forceExit()
}
process.on("SIGINT", onSignal("SIGINT"))
process.on("SIGTERM", onSignal("SIGTERM"))
process.on("SIGHUP", onSignal("SIGHUP"))
// The last resort on any other way out (an uncaught error): no code-server or build left behind.
process.on("exit", () => {
  for (const pid of [...children.keys(), ...servers]) signalGroup(pid, "SIGKILL")
  removeScratch()
})

// ---- running one step -------------------------------------------------------------------------------
/**
 * Runs a step in its own process group and resolves when it exits 0.
 *   output: "show"   its lines go to the terminal; when it is silent for 15 s, a line says it still runs
 *           a file   its output goes there; shown (the last lines) only when it fails
 *   protect: on Ctrl+C wait for it to finish rather than interrupt it (apt-get)
 * While stopping, a step's end is not reported: shutdown() owns the exit.
 */
const step = (what, command, commandArgs, { output, env, protect = false } = {}) =>
  new Promise((resolve, reject) => {
    if (stopping) return
    const toFile = typeof output === "string" && output !== "show"
    const logFd = toFile ? fs.openSync(output, "a") : null
    const child = spawn(command, commandArgs, {
      cwd: EXTENSION_DIR,
      detached: true,
      stdio: ["ignore", toFile ? logFd : "pipe", toFile ? logFd : "pipe"],
      env: env ?? process.env
    })
    if (logFd !== null) fs.closeSync(logFd)
    let lastOutput = Date.now()
    const stepStarted = Date.now()
    if (!toFile) {
      const forward = (stream, sink) => {
        let pending = ""
        stream.on("data", (chunk) => {
          lastOutput = Date.now()
          pending += chunk
          const lines = pending.split("\n")
          pending = lines.pop()
          for (const line of lines) sink.write(`${line}\n`)
        })
        stream.on("end", () => pending !== "" && sink.write(`${pending}\n`))
      }
      forward(child.stdout, process.stdout)
      forward(child.stderr, process.stderr)
    }
    const heartbeat = setInterval(() => {
      // 15 s: the provisioning script prints its own progress every 10 s.
      if (!stopping && Date.now() - lastOutput >= 15_000) {
        say(`  ${clock()}  still ${what} (${Math.round((Date.now() - stepStarted) / 1000)} s so far)`)
        lastOutput = Date.now()
      }
    }, 1000)
    if (child.pid !== undefined) children.set(child.pid, { what, protect })
    child.on("error", (error) => {
      clearInterval(heartbeat)
      children.delete(child.pid)
      if (!stopping) reject(new HarnessError(`${what}: ${error.message}`))
    })
    child.on("close", (code, signal) => {
      clearInterval(heartbeat)
      children.delete(child.pid)
      if (stopping) return
      if (code === 0) return resolve()
      const tail = toFile ? `; its output (${output}):\n${readTail(output, 40)}` : ""
      reject(new HarnessError(`${what} failed (${code ?? signal})${tail}`))
    })
  })

const onPath = (name) =>
  (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && fs.existsSync(path.join(dir, name)))

/** Desktop VS Code: the extension straight from the development bundle, no packaging, no code-server. */
const openDesktop = async () => {
  await step("building the extension", process.execPath, ["esbuild.mjs"], { output: "show" })
  say(`opening VS Code on ${DEMO_FOLDER}`)
  const code = process.platform === "win32" ? "code.cmd" : "code"
  const child = spawn(code, [`--extensionDevelopmentPath=${EXTENSION_DIR}`, DEMO_FOLDER], { stdio: "inherit", shell: process.platform === "win32" })
  child.on("exit", (status) => {
    if (!stopping) process.exit(status ?? 0)
  })
}

const openServer = async () => {
  scratch = makeScratch("intercom-demo")
  const logs = scratch.dir("logs")
  const why = forceServer ? "--server" : "`code` is not on the PATH"
  say(`${why}: starting VS Code in the browser (code-server) on 127.0.0.1; Ctrl+C stops it`)

  // code-server needs Node 24 and native modules built on this machine: the harness's provisioning
  // script does that once and returns at once afterwards. Its system prerequisite (libkrb5-dev for one
  // native module) comes from scripts/provision-system.sh, run here when we can.
  if (!fs.existsSync("/usr/include/gssapi/gssapi.h") && process.getuid?.() === 0) {
    say(`  ${clock()}  installing the system packages code-server's native modules need (apt-get)`)
    await step("installing system packages (scripts/provision-system.sh)", "bash", [path.join(REPO_DIR, "scripts/provision-system.sh")], {
      output: "show",
      protect: true
    })
  }
  await step("provisioning code-server", "bash", ["test-harness/provision-code-server.sh"], { output: "show" })

  // The packaged extension, as a user installs it; the development payload would need the
  // smoke-test driver, which hides notification toasts. The .vsix goes to the scratch folder.
  say(`  ${clock()}  building and packaging the extension (esbuild + vsce, a few seconds)`)
  const buildLog = path.join(logs, "build.log")
  const vsix = path.join(scratch.root, "intercom-explorer.vsix")
  await step("the production build", process.execPath, ["esbuild.mjs", "--production"], { output: buildLog })
  await step("vsce package", path.join(EXTENSION_DIR, "node_modules/.bin/vsce"), ["package", "--no-dependencies", "--out", vsix], { output: buildLog })
  // Back to the development bundle the tests load from dist/ (the .vsix holds its own copy).
  await step("the development build", process.execPath, ["esbuild.mjs"], { output: buildLog })

  say(`  ${clock()}  starting code-server`)
  const userDataDir = scratch.dir("user-data")
  const extensionsDir = scratch.dir("extensions")
  writeUserSettings(userDataDir, { "workbench.startupEditor": "none" })
  const install = installExtensionCommand(vsix, { scratch, userDataDir, extensionsDir })
  await step("installing the .vsix into code-server", install.command, install.args, { output: path.join(logs, "install-extension.log"), env: install.env })
  if (stopping) return
  const server = await startCodeServer({
    scratch,
    userDataDir,
    extensionsDir,
    folder: DEMO_FOLDER,
    port: portArg ? Number(portArg) : undefined,
    onSpawn: (pid) => servers.add(pid)
  })
  if (stopping) return

  // The one line other tools look for (see test-harness/demo-check.mjs and demo-signals.mjs).
  console.log(`demo: open ${server.url}/?folder=${encodeURIComponent(DEMO_FOLDER)}`)
  say(`ready in ${clock()}; the Intercom view opens with the demo companies; press Ctrl+C to stop`)
  const watchdog = setInterval(() => {
    if (server.exited() !== null && !stopping) {
      clearInterval(watchdog)
      console.error(`demo: code-server exited by itself (${server.exited()}); the end of its log:\n${readTail(server.logFile, 40)}`)
      void shutdown("code-server exited", 1)
    }
  }, 1000)
}

try {
  if (!forceServer && onPath(process.platform === "win32" ? "code.cmd" : "code")) await openDesktop()
  else await openServer()
} catch (error) {
  if (!stopping) {
    console.error(`demo: ${error instanceof HarnessError ? "" : "unexpected error: "}${error.message}`)
    await shutdown("error", 1)
  }
}
