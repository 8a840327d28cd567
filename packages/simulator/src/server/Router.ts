// A tiny method + path router. Routes are tried in registration order, so literal paths
// (`/companies/scroll`) must be added before the parameterised ones they would shadow
// (`/companies/:id`).

interface RouteMatch<H> {
  readonly handler: H
  readonly params: Readonly<Record<string, string>>
}

interface Route<H> {
  readonly method: string
  readonly segments: ReadonlyArray<string>
  readonly handler: H
}

const split = (path: string): Array<string> => path.split("/").filter((s) => s !== "")

export class Router<H> {
  private readonly routes: Array<Route<H>> = []

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler })
    return this
  }

  match(method: string, path: string): RouteMatch<H> | undefined {
    const parts = split(path)
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue
      const params: Record<string, string> = {}
      let ok = true
      for (let i = 0; i < parts.length && ok; i++) {
        const want = route.segments[i] ?? ""
        const got = parts[i] ?? ""
        if (want.startsWith(":")) {
          try {
            params[want.slice(1)] = decodeURIComponent(got)
          } catch {
            ok = false
          }
        } else ok = want === got
      }
      if (ok) return { handler: route.handler, params }
    }
    return undefined
  }
}
