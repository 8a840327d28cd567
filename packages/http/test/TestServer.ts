import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

export type Handler = (req: Seen, res: ServerResponse) => void

/**
 * A real HTTP server whose answers each test scripts; it records every request. On 127.0.0.1 unless
 * `host` says otherwise (an IPv4 address of this machine).
 */
export const startTestServer = async (handler: Handler, host = "127.0.0.1") => {
  const seen: Array<Seen> = []
  const server = createServer((req, res) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body }
      seen.push(entry)
      handler(entry, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}

export const errorList = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  type: "error.list",
  request_id: "req-7f3a",
  errors: [{ code, message, ...extra }]
})
