import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { IntercomClient } from "../../src/IntercomClient.js"
import { Contacts } from "../../src/services/Contacts.js"
import { MAX_PAGES, stalledPage } from "../../src/services/Pagination.js"
import { failure, TOKEN } from "../support/Simulator.js"

/**
 * A server that misreads `page` the way third-party mocks of the spec and caching proxies do: it
 * answers every GET /contacts/{id}/companies with ANSWER(requested page), always announcing more.
 */
const misbehavingServer = (answer: (page: number) => unknown) =>
  Effect.acquireRelease(
    Effect.promise(async () => {
      const requests: Array<number> = []
      const server = createServer((req, res) => {
        const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? "1")
        requests.push(page)
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify(answer(page)))
      })
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server }
    }),
    ({ server }) => Effect.promise(() => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }))
  )

const companies = (ids: ReadonlyArray<string>) => ids.map((id) => ({ type: "company", id, name: `Company ${id}` }))
const pages = (page: number) => ({ type: "pages" as const, page, per_page: 50, total_pages: 5 })

/** Contacts.companies of one contact against the server; returns the error and the pages asked for. */
const companiesAgainst = (answer: (page: number) => unknown) =>
  Effect.scoped(Effect.gen(function*() {
    const server = yield* misbehavingServer(answer)
    const error = yield* failure(
      Effect.flatMap(Contacts, (contacts) => contacts.companies("contact-1")).pipe(
        Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: server.url }).pipe(Layer.fresh))
      )
    )
    return { error, requests: [...server.requests] }
  }))

describe("page-number paging stops a server that never moves on", () => {
  it.effect("the same page whatever is asked (page 1 of 5, forever): an error after the second request", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* companiesAgainst(() => ({
        type: "list",
        total_count: 250,
        data: companies(["a", "b"]),
        pages: pages(1)
      }))
      assert.deepStrictEqual(requests, [1, 2], error.message)
      assert.strictEqual(error.reason._tag, "InvalidResponse")
      assert.isFalse(error.isRetryable)
      assert.include(error.message, "GET /contacts/contact-1/companies")
      assert.include(error.message, "asked for page 2, the server answered page 1")
    }))

  it.effect("the right page number but the same companies again: an error after the second request", () =>
    Effect.gen(function*() {
      const { error, requests } = yield* companiesAgainst((page) => ({
        type: "list",
        total_count: 250,
        data: companies(["a", "b"]),
        pages: pages(page)
      }))
      assert.deepStrictEqual(requests, [1, 2], error.message)
      assert.include(error.message, "page 2 repeats page 1 while announcing more pages")
    }))

  it.effect("no page numbers, full pages of the same companies: an error after the second request", () =>
    Effect.gen(function*() {
      const full = Array.from({ length: 50 }, (_, i) => `c${i}`)
      const { error, requests } = yield* companiesAgainst(() => ({ type: "list", total_count: 250, data: companies(full) }))
      assert.deepStrictEqual(requests, [1, 2], error.message)
      assert.include(error.message, "page 2 repeats page 1")
    }))
})

describe("stalledPage", () => {
  const page = (ids: ReadonlyArray<string>, pageNumber?: number) => ({
    items: companies(ids),
    pages: pageNumber === undefined ? undefined : pages(pageNumber)
  })

  it("a page that moves on is progress", () => {
    assert.isUndefined(stalledPage(1, page(["a"], 1), undefined))
    assert.isUndefined(stalledPage(2, page(["b", "c"], 2), new Set(["a", "b"])))
  })

  it("past Intercom's documented maxima is no progress", () => {
    assert.isUndefined(stalledPage(MAX_PAGES, page([`x${MAX_PAGES}`]), new Set(["y"])))
    assert.strictEqual(
      stalledPage(MAX_PAGES + 1, page(["z"]), new Set(["y"])),
      "more than 10,000 pages announced"
    )
  })
})
