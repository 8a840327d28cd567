// Headless Debian chromium through playwright-core: no browser download, no display, no sandbox
// (we run as root in a container), and nothing written outside the scratch dir.
import { chromium } from "playwright-core"
import { locateChromium } from "./env.mjs"

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage"
]

/** Launches chromium with a persistent profile in the scratch dir; returns { context, page }. */
export const launchBrowser = async (scratch, { viewport = { width: 1400, height: 900 } } = {}) => {
  const executablePath = locateChromium()
  const context = await chromium.launchPersistentContext(scratch.dir("chromium-profile"), {
    executablePath,
    headless: true,
    viewport,
    // chromium writes ~/.config/chromium and ~/.cache/dconf: give it the scratch HOME.
    env: { ...process.env, ...scratch.env },
    args: CHROMIUM_ARGS
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page }
}
