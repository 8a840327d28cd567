// A sync in a child process, for the SIGKILL test: prints "scrolling" once companies are staged,
// then keeps syncing (slowly, through the simulator's latency fault) until it is killed.
// The token comes in the environment, never on the command line.
import { IntercomClient } from "@intercom-explorer/core"
import { Effect, Layer } from "effect"
import { Replica } from "../../src/Replica.ts"
import { syncReplica } from "../../src/ReplicaSync.ts"

const [file, baseUrl] = process.argv.slice(2) as [string, string]
const token = process.env.SYNC_CHILD_TOKEN ?? ""
let told = false
const program = syncReplica({
  onProgress: (p) => {
    if (!told && p.companies > 0) {
      told = true
      process.stdout.write("scrolling\n")
    }
  }
})
await Effect.runPromise(
  program.pipe(
    Effect.provide(Layer.merge(Replica.layer({ file, create: true }), IntercomClient.layer({ token, baseUrl })))
  )
)
process.stdout.write("finished\n")
