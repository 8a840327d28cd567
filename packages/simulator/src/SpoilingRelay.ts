import http from "node:http"

export interface SpoilingRelay {
  readonly url: string
  readonly close: () => Promise<void>
}

/**
 * A relay on 127.0.0.1 to `target()` (read per request) that hands the companies of each first
 * scroll page (the one opened without a scroll_param) to `spoil` before passing it on. The
 * simulator only sends valid companies: this is how a test gets one that does not decode, or puts
 * two workspaces behind one base URL.
 */
export const startSpoilingRelay = (
  target: () => string,
  spoil: (companies: Array<Record<string, unknown>>) => void = () => {}
): Promise<SpoilingRelay> =>
  new Promise((resolve) => {
    const server = http.createServer(async (req, res) => {
      const headers: Record<string, string> = {}
      for (const name of ["authorization", "intercom-version", "accept", "content-type"]) {
        const value = req.headers[name]
        if (typeof value === "string") headers[name] = value
      }
      const chunks: Array<Buffer> = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const upstream = await fetch(`${target()}${req.url}`, {
        method: req.method!,
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {})
      })
      let body = await upstream.text()
      if (req.url!.startsWith("/companies/scroll") && !req.url!.includes("scroll_param") && upstream.status === 200) {
        const page = JSON.parse(body) as { data: Array<Record<string, unknown>> }
        spoil(page.data)
        body = JSON.stringify(page)
      }
      const out: Record<string, string> = { "content-type": "application/json" }
      upstream.headers.forEach((value, name) => {
        if (name.startsWith("x-ratelimit")) out[name] = value
      })
      res.writeHead(upstream.status, out)
      res.end(body)
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    )
  })
