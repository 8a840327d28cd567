// Checks that stopping `pnpm demo` (the code-server flavour) is clean in every phase: the demo is
// started, a SIGINT is sent at a given moment, and then
//   - it exits 0 within 30 s (so pnpm prints no ELIFECYCLE), and no "ELIFECYCLE"/"ERR_PNPM" is printed;
//   - its scratch folder (/tmp/intercom-demo-*) is gone;
//   - no process it started is left (code-server, extension hosts, npm, node-gyp, cc, esbuild, vsce).
//
//   node test-harness/demo-signals.mjs [--provision]     (from apps/vscode-ext; about 20 s)
//
// Scenarios (each a fresh demo):
//   pnpm-group-serving   `pnpm demo`, SIGINT to the whole process group once the URL is printed
//                        (what a terminal's Ctrl+C does)
//   pnpm-script-serving  `pnpm demo`, SIGINT to the demo script alone at the URL (kill -INT <pid>)
//   node-serving         `node scripts/demo.mjs --server`, SIGINT to the script alone at the URL
//   node-building        SIGINT to the script as "building and packaging" is printed (esbuild/vsce)
//   node-starting        SIGINT to the script as "starting code-server" is printed (--install-extension,
//                        code-server before /healthz)
// With --provision (needs the npm registry; about 2 more minutes), against an empty TOOLS_DIR:
//   provision-download   SIGINT while npm downloads code-server
//   provision-compile    SIGINT to the process group while a native module compiles; then
//   provision-recover    the provisioning alone, run again: it must finish and record a working install
//
// Needs code-server provisioned in .tools (the scenarios without --provision take its fast path) and
// the workspace installed. Writes .reports/demo-signals.json.
// pnpm-group-serving passes only when both package.json "demo" scripts exec the launcher (see the
// comment at the top of scripts/demo.mjs): dash, pnpm's sh, dies of the terminal's SIGINT.
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { elapsed, EXTENSION_DIR, REPO_DIR, TOOLS_DIR } from "./lib/env.mjs"
import { writeReport } from "./lib/report.mjs"

const withProvision = process.argv.includes("--provision")
const started = Date.now()
const SCRATCH_RE = /^intercom-demo-(?!check-)/

// ---- processes ------------------------------------------------------------------------------------
/** pid -> { ppid, start, cmd } of every process now. */
const processTable = () => {
  const table = new Map()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim()
      table.set(Number(entry), { ppid: Number(fields[1]), start: fields[19], cmd })
    } catch {}
  }
  return table
}
/** Every process below `root` (any depth), with its start time, so that a reused pid is not mistaken for it. */
const descendantsOf = (root) => {
  const table = processTable()
  const found = new Map()
  for (const [pid, p] of table) {
    for (let q = p.ppid, hops = 0; q > 1 && hops < 64; q = table.get(q)?.ppid ?? 0, hops++) {
      if (q === root) {
        found.set(pid, p)
        break
      }
    }
  }
  return found
}
const stillRunning = (processes) => {
  const now = processTable()
  return [...processes].filter(([pid, p]) => now.get(pid)?.start === p.start && now.get(pid)?.cmd !== "").map(([pid, p]) => `${pid} ${p.cmd.slice(0, 160)}`)
}
const mentioning = (text) => [...processTable()].filter(([pid, p]) => pid !== process.pid && p.cmd.includes(text)).map(([pid, p]) => `${pid} ${p.cmd.slice(0, 160)}`)
const scratchDirs = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => SCRATCH_RE.test(name)))
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ---- one scenario ---------------------------------------------------------------------------------
/**
 * Starts the demo (its own process group), waits for a line matching `when`, then sends SIGINT to
 * `target` ("group" or "script") and checks the way out.
 */
const scenario = async ({ name, via, when, target, env = {}, extraChecks = () => [] }) => {
  const t0 = Date.now()
  const before = scratchDirs()
  const [cmd, args, cwd] =
    via === "pnpm" ? ["pnpm", ["demo"], REPO_DIR] : [process.execPath, ["scripts/demo.mjs", "--server"], EXTENSION_DIR]
  const child = spawn(cmd, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, INTERCOM_DEMO_SERVER: "1", ...env }
  })
  let output = ""
  const seen = []
  let exit = null
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve((exit = { code, signal }))))
  const problems = []
  const onData = (chunk) => (output += chunk)
  child.stdout.on("data", onData)
  child.stderr.on("data", onData)

  // Wait for the moment, keeping an eye on what runs below the demo and the scratch folders it makes.
  const deadline = Date.now() + 10 * 60_000
  let processes = new Map()
  while (!when.test(output)) {
    if (exit !== null) break
    if (Date.now() > deadline) {
      problems.push(`never printed ${when}`)
      break
    }
    for (const [pid, p] of descendantsOf(child.pid)) processes.set(pid, p)
    await sleep(50)
  }
  if (exit !== null) problems.push(`exited (${exit.code ?? exit.signal}) before ${when}`)
  for (const [pid, p] of descendantsOf(child.pid)) processes.set(pid, p)
  const mine = [...scratchDirs()].filter((d) => !before.has(d))

  // Under pnpm the script is the node process below pnpm's `sh -c` (not that sh, whose command line
  // names the script too).
  const scriptPid =
    via === "pnpm" ? [...descendantsOf(child.pid)].find(([, p]) => /^(\S*\/)?node\s+\S*scripts\/demo\.mjs/.test(p.cmd))?.[0] : child.pid
  if (scriptPid === undefined) problems.push("the demo script's process was not found below pnpm")
  const signalled = Date.now()
  if (exit === null) {
    try {
      if (target === "group") process.kill(-child.pid, "SIGINT")
      else if (scriptPid !== undefined) process.kill(scriptPid, "SIGINT")
    } catch (error) {
      problems.push(`could not signal: ${error.message}`)
    }
  }
  const timeout = sleep(30_000).then(() => "timeout")
  if ((await Promise.race([exited, timeout])) === "timeout") {
    problems.push("still running 30 s after SIGINT")
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {}
    await exited
  }
  const stopSeconds = (Date.now() - signalled) / 1000
  await sleep(300) // let the last reparented children be reaped by init

  if (exit.code !== 0) problems.push(`exit ${exit.code ?? exit.signal}, expected 0`)
  if (/ELIFECYCLE|ERR_PNPM/.test(output)) problems.push("pnpm printed ELIFECYCLE/ERR_PNPM")
  if (!/^demo: stopped$/m.test(output)) problems.push('no "demo: stopped" line')
  for (const d of mine) {
    if (fs.existsSync(path.join(os.tmpdir(), d))) problems.push(`scratch folder left: ${path.join(os.tmpdir(), d)}`)
  }
  if (mine.length === 0) problems.push("no /tmp/intercom-demo-* folder was seen while it ran")
  const left = stillRunning(processes)
  if (left.length > 0) problems.push(`processes left:\n      ${left.join("\n      ")}`)
  // Reported; now gone, so that one failure does not leave a code-server running after the test.
  for (const entry of left) {
    try {
      process.kill(Number(entry.split(" ")[0]), "SIGKILL")
    } catch {}
  }
  for (const d of mine) {
    const users = mentioning(path.join(os.tmpdir(), d))
    if (users.length > 0) problems.push(`processes still using ${d}:\n      ${users.join("\n      ")}`)
  }
  problems.push(...extraChecks())
  for (const d of mine) fs.rmSync(path.join(os.tmpdir(), d), { recursive: true, force: true })

  const ok = problems.length === 0
  console.log(
    `  ${ok ? "ok  " : "FAIL"}  ${name.padEnd(20)} ${via} -> SIGINT to the ${target} at ${JSON.stringify(when.source)}; ` +
      `exit ${exit.code ?? exit.signal} ${stopSeconds.toFixed(1)} s after the signal; ${processes.size} processes seen, none left`.replace(
        ", none left",
        left.length > 0 ? `, ${left.length} left` : ", none left"
      )
  )
  if (!ok) {
    for (const p of problems) console.log(`        - ${p}`)
    console.log(`        output:\n${output.replace(/^/gm, "          | ")}`)
  }
  return { name, ok, ms: Date.now() - t0, error: ok ? undefined : problems.join("; ") }
}

// ---- the scenarios ---------------------------------------------------------------------------------
const URL_LINE = /^demo: open http:\/\/\S+$/m
const results = []
console.log("demo-signals: Ctrl+C in each phase of the code-server demo")
results.push(await scenario({ name: "pnpm-group-serving", via: "pnpm", when: URL_LINE, target: "group" }))
results.push(await scenario({ name: "pnpm-script-serving", via: "pnpm", when: URL_LINE, target: "script" }))
results.push(await scenario({ name: "node-serving", via: "node", when: URL_LINE, target: "script" }))
results.push(await scenario({ name: "node-building", via: "node", when: /building and packaging/, target: "script" }))
results.push(await scenario({ name: "node-starting", via: "node", when: /starting code-server/, target: "script" }))

if (withProvision) {
  fs.mkdirSync(TOOLS_DIR, { recursive: true })
  const tools = fs.mkdtempSync(path.join(TOOLS_DIR, "demo-signals-"))
  const noPartial = () => {
    const problems = []
    for (const leftover of ["code-server.partial", "code-server.tmp"]) {
      if (fs.existsSync(path.join(tools, leftover))) problems.push(`${leftover} left in ${tools}`)
    }
    if (fs.existsSync(path.join(tools, "code-server", "provisioned.json"))) problems.push("an interrupted install was recorded as complete")
    const users = mentioning(tools)
    if (users.length > 0) problems.push(`processes still using ${tools}:\n      ${users.join("\n      ")}`)
    return problems
  }
  try {
    const env = { TOOLS_DIR: tools }
    results.push(await scenario({ name: "provision-download", via: "node", when: /downloading code-server/, target: "script", env, extraChecks: noPartial }))
    results.push(await scenario({ name: "provision-compile", via: "node", when: /compiling native module/, target: "group", env, extraChecks: noPartial }))
    const t0 = Date.now()
    const run = spawnSync("bash", ["test-harness/provision-code-server.sh"], { cwd: EXTENSION_DIR, env: { ...process.env, ...env }, encoding: "utf8" })
    const marker = path.join(tools, "code-server", "provisioned.json")
    const ok = run.status === 0 && fs.existsSync(marker)
    console.log(`  ${ok ? "ok  " : "FAIL"}  ${"provision-recover".padEnd(20)} provisioning again after the interruptions: exit ${run.status} in ${elapsed(t0)}`)
    if (!ok) console.log(`${run.stdout}${run.stderr}`.replace(/^/gm, "          | "))
    results.push({ name: "provision-recover", ok, ms: Date.now() - t0, error: ok ? undefined : `exit ${run.status}` })
  } finally {
    fs.rmSync(tools, { recursive: true, force: true })
  }
}

const { passed, failed } = writeReport("demo-signals.json", {
  results: results.map((r) => ({ file: "demo-signals", name: r.name, ok: r.ok, ms: r.ms, error: r.error })),
  runner: "demo-signals (Ctrl+C in each phase of pnpm demo)"
})
console.log(`demo-signals: ${passed} passed, ${failed} failed in ${elapsed(started)}`)
process.exit(failed === 0 ? 0 : 1)
