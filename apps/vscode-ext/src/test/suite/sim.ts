// Simulator helpers for the integration tests. The simulator is bundled into the test suite by
// esbuild and runs inside the extension host on 127.0.0.1, next to the extension under test.
import { type Simulator, type SimulatorOptions, startSimulator } from "@intercom-explorer/simulator"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
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

/** A server in front of a simulator that can start refusing the token, as Intercom does once it is revoked. */
export interface RevocableServer {
  readonly url: string
  /** From now on, requests whose path and query match get Intercom's 401; the others pass. */
  readonly revokeFor: (matches: (pathAndQuery: string) => boolean) => void
  /** The requests answered with 401 so far (method and path with query). */
  readonly rejected: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

export const revocableServer = async (sim: Simulator): Promise<RevocableServer> => {
  let revoked: (pathAndQuery: string) => boolean = () => false
  const rejected: Array<string> = []
  const upstream = new URL(sim.url)
  const server = http.createServer((req, res) => {
    const target = req.url ?? "/"
    if (revoked(target)) {
      rejected.push(`${req.method} ${target}`)
      req.resume()
      res.writeHead(401, { "content-type": "application/json" })
      res.end(JSON.stringify({ type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] }))
      return
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: target, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forward.on("error", () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    revokeFor: (matches) => void (revoked = matches),
    rejected,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}
