import { afterAll, beforeAll } from "vitest"
import { type Simulator, type SimulatorOptions, startSimulator } from "../../src/index.js"

// Tests talk to a real simulator over HTTP on 127.0.0.1 (port 0), as every client will.

export interface ApiResponse<T = any> {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly body: T
}

export interface Api {
  readonly sim: Simulator
  readonly request: <T = any>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; version?: string | null; headers?: Record<string, string> }
  ) => Promise<ApiResponse<T>>
  readonly get: <T = any>(path: string) => Promise<ApiResponse<T>>
  readonly post: <T = any>(path: string, body?: unknown) => Promise<ApiResponse<T>>
  readonly put: <T = any>(path: string, body?: unknown) => Promise<ApiResponse<T>>
  readonly del: <T = any>(path: string) => Promise<ApiResponse<T>>
}

export const apiFor = (sim: Simulator): Api => {
  const request: Api["request"] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers }
    const token = options.token === undefined ? sim.token : options.token
    if (token !== null) headers["Authorization"] = `Bearer ${token}`
    const version = options.version === undefined ? "2.11" : options.version
    if (version !== null) headers["Intercom-Version"] = version
    const init: RequestInit = { method, headers }
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json"
      init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body)
    }
    const res = await fetch(`${sim.url}${path}`, init)
    const text = await res.text()
    let body: unknown = undefined
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    return { status: res.status, headers: res.headers, text, body: body as any }
  }
  return {
    sim,
    request,
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, { body }),
    put: (path, body) => request("PUT", path, { body }),
    del: (path) => request("DELETE", path)
  }
}

/** Starts one simulator for the enclosing describe/file and closes it afterwards. */
export const useSimulator = (options: SimulatorOptions = {}): (() => Api) => {
  let api: Api | undefined
  beforeAll(async () => {
    api = apiFor(await startSimulator({ companies: 60, seed: 7, ...options }))
  })
  afterAll(async () => {
    await api?.sim.close()
  })
  return () => {
    if (api === undefined) throw new Error("simulator not started")
    return api
  }
}

/** A simulator whose clock the test moves by hand. */
export const manualClock = (start = 1_767_225_600_000): { now: () => number; advance: (ms: number) => void } => {
  let t = start
  return { now: () => t, advance: (ms) => (t += ms) }
}

export const expectErrorList = (res: ApiResponse, status: number, code: string, message?: string): void => {
  if (res.status !== status) throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text}`)
  const body = res.body as { type?: string; request_id?: unknown; errors?: Array<{ code: string; message: string }> }
  if (body?.type !== "error.list") throw new Error(`expected an error.list, got ${res.text}`)
  if (typeof body.request_id !== "string" || body.request_id === "") throw new Error(`no request_id in ${res.text}`)
  const first = body.errors?.[0]
  if (first?.code !== code) throw new Error(`expected code ${code}, got ${res.text}`)
  if (message !== undefined && first.message !== message) throw new Error(`expected message '${message}', got ${res.text}`)
}
