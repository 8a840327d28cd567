// Where things are, and the loud checks every harness entry point makes before it starts anything.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

export const HARNESS_DIR = path.resolve(import.meta.dirname, "..")
export const EXTENSION_DIR = path.resolve(HARNESS_DIR, "..")
export const REPO_DIR = path.resolve(EXTENSION_DIR, "../..")
export const TOOLS_DIR = process.env.TOOLS_DIR ?? path.join(REPO_DIR, ".tools")
export const ARTIFACTS_DIR = path.join(EXTENSION_DIR, "artifacts")
export const REPORTS_DIR = path.join(EXTENSION_DIR, ".reports")
export const VSIX_PATH = path.join(EXTENSION_DIR, "intercom-explorer.vsix")

/** A harness precondition that is not met: printed as one clear line plus what to run; the run exits non-zero. */
export class HarnessError extends Error {
  constructor(message, hint) {
    super(hint ? `${message}\n  -> ${hint}` : message)
    this.name = "HarnessError"
  }
}

/**
 * The code-server install written by test-harness/provision-code-server.sh: { version, node, entry }.
 * `node` is the Node 24 its native modules were compiled for; it must also be the one that runs it.
 * CODE_SERVER_NODE + CODE_SERVER_ENTRY override it (another install, e.g. the recipe's).
 */
export const locateCodeServer = () => {
  if (process.env.CODE_SERVER_NODE && process.env.CODE_SERVER_ENTRY) {
    return { node: process.env.CODE_SERVER_NODE, entry: process.env.CODE_SERVER_ENTRY, version: "(from env)" }
  }
  const marker = path.join(TOOLS_DIR, "code-server", "provisioned.json")
  const hint = "run: pnpm --filter intercom-explorer provision   (bash apps/vscode-ext/test-harness/provision-code-server.sh)"
  if (!fs.existsSync(marker)) throw new HarnessError(`code-server is not installed (${marker} missing)`, hint)
  const cs = JSON.parse(fs.readFileSync(marker, "utf8"))
  for (const file of [cs.node, cs.entry]) {
    if (!fs.existsSync(file)) throw new HarnessError(`code-server install is incomplete: ${file} missing`, hint)
  }
  return cs
}

/** Debian's chromium (scripts/provision-system.sh); playwright-core never downloads a browser here. */
export const locateChromium = () => {
  const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium"
  if (!fs.existsSync(chromium)) {
    throw new HarnessError(`chromium not found at ${chromium}`, "run as root: bash scripts/provision-system.sh (or set CHROMIUM=/path/to/chromium)")
  }
  return chromium
}

/**
 * A fresh scratch directory for one run: HOME, XDG dirs, TMPDIR, profiles and logs of code-server and
 * chromium all go here, never into the real HOME or /tmp. Removed by `dispose` unless `keep`.
 * Kept short: code-server puts unix sockets under TMPDIR, and socket paths are limited to 107 bytes.
 */
export const makeScratch = (prefix) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`))
  const dir = (...parts) => {
    const d = path.join(root, ...parts)
    fs.mkdirSync(d, { recursive: true })
    return d
  }
  const home = dir("home")
  return {
    root,
    dir,
    home,
    tmp: dir("tmp"),
    /** Environment that keeps a child's dotfiles and temp files inside the scratch dir. */
    env: {
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      XDG_DATA_HOME: path.join(home, ".local/share"),
      XDG_CACHE_HOME: path.join(home, ".cache"),
      XDG_RUNTIME_DIR: dir("home", ".runtime"),
      TMPDIR: path.join(root, "tmp")
    },
    dispose: ({ keep = false } = {}) => {
      if (keep || process.env.KEEP_SCRATCH) return false
      fs.rmSync(root, { recursive: true, force: true })
      return true
    }
  }
}

export const elapsed = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`
