import { writeFileSync } from "node:fs"
import path from "node:path"
import type { Company } from "@intercom-explorer/core"
import { Replica } from "@intercom-explorer/replica"
import type { SimulatorOptions } from "@intercom-explorer/simulator"
import { Effect, Layer } from "effect"
import { clientLayer, syncInto, tempDir } from "./Simulator.js"

/**
 * A replica synced from a fresh simulator over HTTP, open for the layer's lifetime (shared by the
 * tests of one `it.layer`), with the simulator and the client beside it.
 */
export const syncedReplicaLayer = (options: SimulatorOptions = {}) =>
  Layer.unwrap(Effect.gen(function*() {
    const file = path.join(yield* tempDir, "replica.sqlite")
    yield* syncInto(file)
    return Replica.layer({ file })
  })).pipe(Layer.provideMerge(clientLayer(options)))

/** Every company in the replica, in its default order. */
export const allCompanies = Effect.flatMap(Replica, (replica) => replica.page("", { limit: 1_000_000 }))

/** Writes `text` to `name` in a fresh temporary folder (removed with the scope); returns its path. */
export const sourceFile = (name: string, text: string) =>
  Effect.map(tempDir, (dir) => {
    const file = path.join(dir, name)
    writeFileSync(file, text)
    return file
  })

/** The first company matching `f`, or a test failure. */
export const companyWhere = (companies: ReadonlyArray<Company>, f: (company: Company) => boolean): Company => {
  const found = companies.find(f)
  if (found === undefined) throw new Error("no company in the seeded workspace fits this test")
  return found
}
