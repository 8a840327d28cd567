import type { Simulator, SimulatorOptions } from "@intercom-explorer/simulator"
import { randomBytes } from "node:crypto"
import type * as vscode from "vscode"
import type { ClientHandle, ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"

/**
 * The simulator's code: in the shipped build dist/demoSimulator.js, a bundle of its own next to
 * dist/extension.js (esbuild.options.mjs), loaded on the first demo start, never at activation.
 */
const loadSimulator = (): typeof import("./demoSimulator") => require("./demoSimulator") as typeof import("./demoSimulator")

/** A few hundred companies: enough for paging, "Load more" and a visible export, quick to seed. */
export const DEMO_COMPANIES = 300
/** Fixed, so every demo shows the same companies (screenshots, docs, bug reports). */
const DEMO_SEED = 7

/**
 * The demo workspace: an Intercom simulator running inside the extension host on 127.0.0.1 (a free
 * port), with the client session pointed at it, so the whole extension works without an account.
 * Its token is random per start and lives in memory only: another local process cannot use the
 * server, and nothing is stored as the user's token.
 *
 * The simulator lives exactly as long as the session uses it: when the session moves away (sign
 * in with a real token, sign out, Stop Demo Workspace) it is closed, and so it is on deactivate.
 */
export class DemoWorkspace implements vscode.Disposable {
  private simulator: Simulator | undefined
  private starting: Promise<Simulator> | undefined
  private readonly subscription: vscode.Disposable

  constructor(
    private readonly session: ClientSession,
    private readonly log: Log
  ) {
    this.subscription = session.onDidChange((handle) => {
      // While starting, the session may still announce the client it had before the demo.
      if (this.starting === undefined && this.simulator !== undefined && !this.serves(handle)) {
        void this.close("the session left the demo workspace")
      }
    })
  }

  /** The running demo simulator, if any (tests read its state through this). */
  get running(): Simulator | undefined {
    return this.simulator
  }

  private serves(handle: ClientHandle | undefined): boolean {
    return handle?.kind === "demo" && this.simulator !== undefined && handle.baseUrl === this.simulator.url
  }

  /**
   * Starts the simulator (once: concurrent calls share the start) and connects the session to it.
   * `overrides` are for tests and the bench (a small rate limit, more companies).
   */
  start(overrides: SimulatorOptions = {}): Promise<Simulator> {
    if (this.simulator !== undefined && this.serves(this.session.current())) return Promise.resolve(this.simulator)
    this.starting ??= this.startOnce(overrides).finally(() => (this.starting = undefined))
    return this.starting
  }

  private async startOnce(overrides: SimulatorOptions): Promise<Simulator> {
    await this.close("a new demo workspace is starting")
    const started = Date.now()
    const { startSimulator } = loadSimulator()
    const simulator = await startSimulator({
      companies: DEMO_COMPANIES,
      seed: DEMO_SEED,
      token: `demo-${randomBytes(18).toString("base64url")}`,
      host: "127.0.0.1",
      port: 0,
      // Trace level: invisible unless the user turns the Intercom log up to trace.
      log: (line) => this.log.trace(`[demo simulator] ${line}`),
      ...overrides
    })
    this.simulator = simulator
    this.log.info(
      `Demo workspace: simulator with ${simulator.options.companies} companies at ${simulator.url} (${Date.now() - started} ms).`
    )
    try {
      // The simulator knows how many companies it has, those without users too (the view says both).
      await this.session.connectDemo(simulator.url, simulator.token, () => simulator.state.companies.count())
    } catch (error) {
      await this.close("the session could not connect to it")
      throw error
    }
    return simulator
  }

  /** Stop Demo Workspace: the session returns to the stored token (or signs out), then the server stops. */
  async stop(): Promise<boolean> {
    const wasRunning = this.simulator !== undefined || this.starting !== undefined
    await this.starting?.catch(() => undefined)
    if (this.session.current()?.kind === "demo") await this.session.endDemo()
    await this.close("Stop Demo Workspace")
    return wasRunning
  }

  private async close(why: string): Promise<void> {
    const simulator = this.simulator
    if (simulator === undefined) return
    this.simulator = undefined
    await simulator.close().catch((error: unknown) => this.log.warn("The demo simulator did not close cleanly:", error))
    this.log.info(`Demo workspace stopped (${why}).`)
  }

  dispose(): void {
    this.subscription.dispose()
    // Deactivation: the extension host is going away; closing drops the port and open connections.
    void this.close("the extension was deactivated")
  }
}
