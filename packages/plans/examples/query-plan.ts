// A plan from a replica query with assignments: every Trial company not seen for 90 days moves to
// the "Dormant" plan, gets the Dormant tag and loses "Onboarding". Nothing is written: review it.
import { planFromQuery, writePlanFile } from "@intercom-explorer/plans"
import { Replica } from "@intercom-explorer/replica"
import { Effect } from "effect"

const program = Effect.gen(function*() {
  const plan = yield* planFromQuery({
    query: "plan:Trial seen>90d",
    set: ["plan=Dormant", "custom.health_score=0"],
    tag: ["Dormant"],
    untag: ["Onboarding"]
  })
  yield* writePlanFile("dormant.json", plan)
  return plan.summary
})

Effect.runPromise(Effect.provide(program, Replica.layer({ file: "my.sqlite" }))).then(console.log)
