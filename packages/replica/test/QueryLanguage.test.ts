import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { tempDir } from "./support/Simulator.js"
import { day, type RawCompany, segmentList, storeCompanies, tagList } from "./support/Fixtures.js"
import { withReplica } from "./support/Sync.js"

/** "Now" for relative ages: 2026-01-01 00:00 UTC. */
const now = day("2026-01-01")

const fixture: ReadonlyArray<RawCompany> = [
  {
    id: "a1", company_id: "ACME-1", name: "Acme Rockets", plan: { name: "Pro" }, size: 10, website: "https://acme.io",
    industry: "Financial services", monthly_spend: 1500, user_count: 0, session_count: 12,
    created_at: day("2025-03-01") + 3600, updated_at: day("2025-12-30"), last_request_at: day("2025-12-20"),
    custom_attributes: { tier: "gold", seats: 25, paid: true, "account.region": "EU" },
    tags: tagList("VIP"), segments: segmentList("High spenders")
  },
  {
    id: "b2", company_id: "beta-2", name: "Ärzte Zürich", plan: { name: "pro" }, size: 50, industry: "Healthcare",
    monthly_spend: 1000, user_count: 3, session_count: 0, created_at: day("2025-03-02"), updated_at: day("2025-06-01"),
    last_request_at: day("2025-06-01"), custom_attributes: { tier: "Gold", seats: "12", paid: false },
    tags: tagList("Do not contact", "VIP")
  },
  {
    id: "c3", company_id: "c3", name: "東京商事", plan: { name: "Basic" }, size: 51, website: "", monthly_spend: 0,
    created_at: day("2024-12-31"), custom_attributes: { tier: "", seats: 9, paid: "true" }, segments: segmentList("High spenders")
  },
  { id: "d4", company_id: "acme-legacy", name: null, plan: {}, user_count: 7, created_at: day("2025-01-15"), custom_attributes: { tier: null } },
  { id: "e5", name: "Zeta 100% Co_op", size: 9, monthly_spend: 999, created_at: day("2025-03-01"), last_request_at: day("2024-01-01"), tags: tagList("Churn risk") }
]

describe("the query language over a small replica", () => {
  it.effect("every form returns exactly the companies it describes", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "q.sqlite")
      yield* storeCompanies(file, fixture)
      const cases: Array<[query: string, ids: string]> = [
        ["", "a1 e5 b2 c3 d4"], // name ascending (folded, byte order), missing names last, then id
        ["acme", "a1 d4"], // name or company_id substring, case-insensitive
        ["acme rock", "a1"], // every word must match
        ["zürich", "b2"],
        ["ÄRZTE", "b2"],
        ["商事", "c3"],
        ["100%", "e5"],
        ["plan:pro", "a1 b2"],
        ["plan:PRO -name:acme*", "b2"],
        ["name:acme*", "a1"],
        ["name:*co_op", "e5"],
        ["name:\"Acme*\"", ""], // quoted: no wildcard
        ["name:\"zeta 100% co_op\"", "e5"],
        ["cid:acme-1", "a1"],
        ["company_id:ACME*", "a1 d4"],
        ["industry:\"financial services\"", "a1"],
        ["website:*.io", "a1"],
        ["spend>1000", "a1"],
        ["spend>=1000", "a1 b2"],
        ["spend<1000", "e5 c3"],
        ["spend<=999", "e5 c3"],
        ["spend:0", "c3"],
        ["size:10..50", "a1 b2"],
        ["users:0", "a1"],
        ["sessions:0", "b2"],
        ["created:2025-03-01", "a1 e5"],
        ["created>2025-03-01", "b2"],
        ["created>=2025-03-01", "a1 e5 b2"],
        ["created<2025-03-01", "c3 d4"],
        ["created<=2025-03-01", "a1 e5 c3 d4"],
        ["created:2025-01-01..2025-03-01", "a1 e5 d4"],
        ["seen>90d", "e5 b2"], // not seen for 90 days (never seen is `no:seen`)
        ["seen<30d", "a1"],
        ["updated<1w", "a1"],
        ["tag:vip", "a1 b2"],
        ["tag:\"do not contact\"", "b2"],
        ["-tag:VIP", "e5 c3 d4"],
        ["segment:\"High Spenders\"", "a1 c3"],
        ["tag:* -tag:churn*", "a1 b2"],
        ["custom.tier:gold", "a1 b2"],
        ["custom.tier:GOLD", "a1 b2"],
        ["custom.seats>10", "a1"], // the string "12" is no number
        ["custom.seats:12", "b2"], // `:` with a number also matches the same text
        ["custom.seats<=9", "c3"],
        ["custom.paid:true", "a1"],
        ["custom.paid:false", "b2"],
        ["custom.paid:\"true\"", "c3"],
        ["custom.account.region:eu", "a1"],
        ["has:custom.tier", "a1 b2"], // "" and null count as missing
        ["no:custom.tier", "e5 c3 d4"],
        ["has:website", "a1"],
        ["no:website", "e5 b2 c3 d4"],
        ["no:plan", "e5 d4"],
        ["has:size", "a1 e5 b2 c3"],
        ["has:seen", "a1 e5 b2"],
        ["has:tag", "a1 e5 b2"],
        ["no:segment", "e5 b2 d4"],
        ["no:name", "d4"],
        ["-no:name", "a1 e5 b2 c3"],
        ["-acme", "e5 b2 c3"],
        ["sort:spend", "c3 e5 b2 a1 d4"],
        ["sort:-spend", "a1 b2 e5 c3 d4"],
        ["sort:-size has:size", "c3 b2 a1 e5"],
        ["sort:seen", "e5 b2 a1 c3 d4"],
        ["sort:-created", "b2 a1 e5 d4 c3"],
        ["plan:basic OR tag:churn*", "e5 c3"],
        ["plan:pro spend>1000 OR size<10", "a1 e5"]
      ]
      yield* withReplica(file, (replica) =>
        Effect.gen(function*() {
          for (const [query, expected] of cases) {
            const rows = yield* replica.pageRaw(query, { limit: 100, now })
            assert.strictEqual(rows.map((row) => row.id).join(" "), expected, query)
            assert.strictEqual(yield* replica.count(query, { now }), rows.length, `count ${query}`)
          }
          // Paging and streaming keep the order.
          assert.deepStrictEqual((yield* replica.pageRaw("", { limit: 2, offset: 2 })).map((r) => r.id), ["b2", "c3"])
          const streamed = yield* Stream.runCollect(replica.streamRaw("sort:-spend"))
          assert.deepStrictEqual(Array.from(streamed, (r) => r.id), ["a1", "b2", "e5", "c3", "d4"])
          // Grouping and the tag/segment lists.
          assert.deepStrictEqual(yield* replica.groupCounts("", "plan"), [
            { key: "Basic", count: 1 },
            { key: "Pro", count: 2 },
            { key: null, count: 2 }
          ])
          const tags = yield* replica.tags()
          assert.deepStrictEqual(tags.map((t) => [t.name, t.companies]), [["Churn risk", 1], ["Do not contact", 1], ["VIP", 2]])
          // An invalid query fails with the parser's sentence, as a ReplicaError.
          const error = yield* Effect.flip(replica.count("plan:Pro colour:red"))
          assert.strictEqual(error.reason._tag, "InvalidQuery")
          assert.strictEqual(error.message, "unknown field \"colour\" in \"colour:red\" at column 10")
        }))
    }))
})
