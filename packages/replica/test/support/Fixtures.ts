import { Effect } from "effect"
import { Replica } from "../../src/Replica.js"

/** A company as Intercom could send it (every field optional but `id`; some deliberately odd). */
export type RawCompany = Record<string, unknown> & { readonly id: string }

/** Stores `companies` in a fresh replica file through the write-through path, with the tag and segment lists. */
export const storeCompanies = (file: string, companies: ReadonlyArray<RawCompany>) =>
  Effect.gen(function*() {
    const replica = yield* Replica
    for (const company of companies) yield* replica.applyCompany(company)
    const named = (key: "tags" | "segments") => {
      const all = new Map<string, string>()
      for (const company of companies) {
        const list = (company[key] as Record<string, unknown> | undefined)?.[key]
        if (Array.isArray(list)) for (const item of list as Array<{ id: string; name: string }>) all.set(item.id, item.name)
      }
      return [...all].map(([id, name]) => ({ id, name }))
    }
    yield* replica.replaceTagsAndSegments(named("tags"), named("segments"))
  }).pipe(Effect.provide(Replica.layer({ file, create: true })))

export const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000

export const tagList = (...names: Array<string>) => ({
  type: "tag.list",
  tags: names.map((name) => ({ type: "tag", id: `t-${name.toLowerCase().replace(/\W+/g, "-")}`, name }))
})
export const segmentList = (...names: Array<string>) => ({
  type: "segment.list",
  segments: names.map((name) => ({ type: "segment", id: `s-${name.toLowerCase().replace(/\W+/g, "-")}`, name }))
})
