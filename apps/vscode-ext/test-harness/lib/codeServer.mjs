// Starting and stopping code-server (the real VS Code 1.139 server + web workbench) for one test run.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { HarnessError, locateCodeServer } from "./env.mjs"
import { groupAlive, signalGroup, sleep } from "./processGroups.mjs"

/** User settings that keep the workbench quiet and deterministic: no tips, walkthroughs, updates or AI panels. */
export const QUIET_SETTINGS = {
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false
}

/** Writes <userDataDir>/User/settings.json = QUIET_SETTINGS + `extra`, merged over what is there. */
export const writeUserSettings = (userDataDir, extra = {}) => {
  const file = path.join(userDataDir, "User", "settings.json")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  let existing = {}
  try {
    existing = JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {}
  fs.writeFileSync(file, JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...extra }, null, 2))
}

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const baseArgs = (cs, { userDataDir, extensionsDir }) => [
  cs.entry,
  "--config", "/dev/null", // otherwise it writes ~/.config/code-server/config.yaml with a password
  "--user-data-dir", userDataDir,
  "--extensions-dir", extensionsDir
]

// EXTENSIONS_GALLERY={} turns the marketplace off: offline, the default (open-vsx) only produces errors.
const childEnv = (scratch, extra = {}) => ({ ...process.env, ...scratch.env, EXTENSIONS_GALLERY: "{}", ...extra })

/**
 * The command line of `code-server --install-extension <vsix>` into the given extensions dir:
 * { command, args, env }, for a caller that runs it itself (scripts/demo.mjs, which must stay
 * responsive to Ctrl+C meanwhile).
 */
export const installExtensionCommand = (vsix, { scratch, userDataDir, extensionsDir }) => {
  if (!fs.existsSync(vsix)) throw new HarnessError(`${vsix} does not exist`, "run: pnpm --filter intercom-explorer package")
  const cs = locateCodeServer()
  return {
    command: cs.node,
    args: [...baseArgs(cs, { userDataDir, extensionsDir }), "--install-extension", vsix, "--force"],
    env: childEnv(scratch)
  }
}

/** `code-server --install-extension <vsix>` into the given extensions dir. */
export const installExtension = (vsix, { scratch, userDataDir, extensionsDir }) => {
  const { command, args, env } = installExtensionCommand(vsix, { scratch, userDataDir, extensionsDir })
  const result = spawnSync(command, args, { env, encoding: "utf8", timeout: 60_000 })
  if (result.status !== 0) {
    throw new HarnessError(`code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`)
  }
}

/**
 * Starts code-server on 127.0.0.1 on a free port and waits until /healthz answers.
 * It runs detached, in its own process group, so `stop()` ends the server, its extension hosts and
 * file watchers together (extension hosts otherwise outlive the browser by the reconnection grace time).
 *
 * options: scratch (makeScratch), userDataDir, extensionsDir, folder?, smokeTestDriver? (needed for
 * the extensionDevelopmentPath/extensionTestsPath payload), env? (extra env, reaches the extension host),
 * port? (default: a free one), onSpawn? (called with the server's pid, which is also its process
 * group, as soon as it runs: a caller that is interrupted before /healthz answers can stop it)
 */
export const startCodeServer = async ({ scratch, userDataDir, extensionsDir, folder, smokeTestDriver = false, env = {}, port: fixedPort, onSpawn }) => {
  const cs = locateCodeServer()
  const port = fixedPort ?? (await freePort())
  const host = `127.0.0.1:${port}`
  const logFile = path.join(scratch.dir("logs"), "code-server.log")
  const log = fs.openSync(logFile, "a")
  const args = [
    ...baseArgs(cs, { userDataDir, extensionsDir }),
    "--bind-addr", host,
    "--auth", "none",
    "--disable-telemetry",
    "--disable-update-check", // otherwise it asks api.github.com
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--reconnection-grace-time", "5",
    // The built workbench honours the dev/test `payload` URL parameter only with the smoke-test driver.
    ...(smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    ...(folder ? [folder] : [])
  ]
  const child = spawn(cs.node, args, { detached: true, stdio: ["ignore", log, log], env: childEnv(scratch, env) })
  fs.closeSync(log)
  let exited = null
  child.on("exit", (code, signal) => (exited = code ?? signal))
  onSpawn?.(child.pid)

  const stop = async () => {
    if (exited !== null && !groupAlive(child.pid)) return
    signalGroup(child.pid, "SIGTERM")
    for (let i = 0; i < 50 && groupAlive(child.pid); i++) await sleep(100)
    if (groupAlive(child.pid)) signalGroup(child.pid, "SIGKILL")
  }
  // Last resort on any exit path of the harness process (an uncaught error, process.exit).
  process.once("exit", () => signalGroup(child.pid, "SIGKILL"))

  const started = Date.now()
  for (;;) {
    try {
      if ((await fetch(`http://${host}/healthz`)).ok) break
    } catch {}
    if (exited !== null || Date.now() - started > 30_000) {
      await stop()
      throw new HarnessError(
        `code-server ${exited !== null ? `exited (${exited})` : "did not answer /healthz within 30 s"}; its log:\n${readTail(logFile)}`
      )
    }
    await sleep(100)
  }
  return {
    host,
    url: `http://${host}`,
    /** vscode-remote URI of a server-side path, as the workbench payload expects. */
    remoteUri: (p) => `vscode-remote://${host}${path.resolve(p)}`,
    logFile,
    pid: child.pid,
    exited: () => exited,
    stop
  }
}

export const readTail = (file, lines = 60) => {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return `(no log at ${file})`
  }
}
