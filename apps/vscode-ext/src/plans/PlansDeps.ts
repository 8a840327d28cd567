import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import type { ReplicaSession } from "../replica/ReplicaSession"
import type { Trees } from "../tree/Trees"

/** What the bulk-change feature works with (handed over by extension.ts). */
export interface PlansDeps {
  readonly session: ClientSession
  readonly trees: Trees
  readonly replica: ReplicaSession
  readonly log: Log
  /** The extension's global storage folder: plans are written to its `plans/` folder. */
  readonly storageDir: string
}
