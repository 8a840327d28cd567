import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { parseFaults } from "./server/FaultSyntax.js"
import type { FaultInfo, FaultSpec, FiredFault } from "./server/Faults.js"
import type { Handler } from "./server/RequestContext.js"
import { Router } from "./server/Router.js"
import { createRequestListener, type Routers } from "./server/Pipeline.js"
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from "./SimulatorOptions.js"
import { adminRoutes } from "./routes/admin.js"
import { companyRoutes } from "./routes/companies.js"
import { contactRoutes } from "./routes/contacts.js"
import { dataAttributeRoutes } from "./routes/dataAttributes.js"
import { noteRoutes } from "./routes/notes.js"
import { segmentRoutes } from "./routes/segments.js"
import { tagRoutes } from "./routes/tags.js"
import { workspaceRoutes } from "./routes/workspace.js"
import { Simulation } from "./server/Simulation.js"
import { SimulatorView } from "./SimulatorView.js"

// The programmatic entry point: seed a workspace, listen, hand back what tests and the extension
// need. Plain node:http and nothing native, so it bundles into the VS Code extension host.

export interface SimulatorFaults {
  /** Arms a fault (a spec, or the text syntax like "scroll-expire@nth=3"); returns its id(s). */
  readonly inject: (fault: FaultSpec | string) => string
  readonly remove: (id: string) => boolean
  readonly clear: () => void
  readonly list: () => ReadonlyArray<FaultInfo>
  /** Faults that fired, oldest first (up to 1000). */
  readonly history: ReadonlyArray<FiredFault>
}

export interface Simulator {
  /** `http://host:port`, the base URL to give a client. */
  readonly url: string
  readonly host: string
  readonly port: number
  /** The access token the simulator accepts. */
  readonly token: string
  readonly options: ResolvedOptions
  readonly state: SimulatorView
  readonly faults: SimulatorFaults
  /** Stops listening and drops open connections (keep-alive ones too). */
  readonly close: () => Promise<void>
}

const buildRouters = (): Routers => {
  const api = new Router<Handler>()
  companyRoutes(api)
  contactRoutes(api)
  noteRoutes(api)
  tagRoutes(api)
  segmentRoutes(api)
  workspaceRoutes(api)
  dataAttributeRoutes(api)
  const admin = new Router<Handler>()
  adminRoutes(admin)
  return { api, admin }
}

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve(server.address() as AddressInfo)
    })
  })

const formatUrl = (address: AddressInfo): string => {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

export const startSimulator = async (options: SimulatorOptions = {}): Promise<Simulator> => {
  const resolved = resolveOptions(options)
  const sim = new Simulation(resolved)

  const initial = typeof options.faults === "string" ? parseFaults(options.faults) : (options.faults ?? [])
  for (const fault of initial) {
    if (typeof fault === "string") for (const spec of parseFaults(fault)) sim.faults.inject(spec)
    else sim.faults.inject(fault)
  }

  const server = createServer({ keepAlive: true }, createRequestListener(sim, buildRouters()))
  const address = await listen(server, resolved.port, resolved.host)

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)))
      server.closeAllConnections()
    })
    return closing
  }

  const faults: SimulatorFaults = {
    inject: (fault) => {
      const specs = typeof fault === "string" ? parseFaults(fault) : [fault]
      const ids = specs.map((spec) => sim.faults.inject(spec))
      return ids.join(",")
    },
    remove: (id) => sim.faults.remove(id),
    clear: () => sim.faults.clear(),
    list: () => sim.faults.list(),
    get history() {
      return sim.faults.history
    }
  }

  return {
    url: formatUrl(address),
    host: address.address,
    port: address.port,
    token: resolved.token,
    options: resolved,
    state: new SimulatorView(sim),
    faults,
    close
  }
}
