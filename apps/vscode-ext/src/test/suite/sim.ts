// Simulator helpers for the integration tests. The simulator is bundled into the test suite by
// esbuild and runs inside the extension host on 127.0.0.1, next to the extension under test.
import { type Simulator, type SimulatorOptions, startSimulator } from "@intercom-explorer/simulator"
import * as vscode from "vscode"
import type { TestApi } from "../../extension"
import { waitFor } from "./helpers"

export type { Simulator }

/** A small, fast workspace unless a test asks for more. */
export const startTestSimulator = (options: SimulatorOptions = {}): Promise<Simulator> =>
  startSimulator({ companies: 120, seed: 7, rateLimit: 100_000, token: `sim-${Math.random().toString(36).slice(2)}`, ...options })

/** Signs the session in to the simulator (token stored, server overridden for the session). */
export const connectTo = async (api: TestApi, sim: Simulator): Promise<void> => {
  await api.session.useToken(sim.token, sim.url)
  await waitFor("the session to be signed in", () => api.session.signedIn)
}

/** Authenticated API requests the simulator has answered so far (allowed or rate limited). */
export const requestCount = (sim: Simulator): number => sim.state.rateLimit.allowed + sim.state.rateLimit.limited

/** Points the `intercom.baseUrl` setting at a server (undefined resets it). */
export const setBaseUrl = (url: string | undefined): Thenable<void> =>
  vscode.workspace.getConfiguration("intercom").update("baseUrl", url, vscode.ConfigurationTarget.Global)
