// Pure: one node object per id for the Plan view, so that VS Code keeps expansion and selection
// across refreshes. Ids such as `warning/0`, `invalid/9/0` or `group/updates/~more` recur in every
// plan with other text or counts, so the nodes are forgotten when another plan opens, and a node
// whose content changed (a `~more` count after an exclusion) is replaced.
import type { PlanNode } from "./planNodes"

/** Which plan is open: its id and its file (two files may hold one plan id). */
export interface OpenPlanKey {
  readonly id: string
  readonly file: string
}

const sameNode = (a: PlanNode, b: PlanNode): boolean => JSON.stringify(a) === JSON.stringify(b)

export class PlanNodeCache {
  private readonly nodes = new Map<string, PlanNode>()
  private key: OpenPlanKey | undefined

  /** The open plan is now this one (undefined: none): the nodes of another plan are forgotten. */
  opened(key: OpenPlanKey | undefined): void {
    if (key?.id !== this.key?.id || key?.file !== this.key?.file) this.nodes.clear()
    this.key = key === undefined ? undefined : { id: key.id, file: key.file }
  }

  /** The node object already handed out for this id when it is still the same node, else this one. */
  get(node: PlanNode): PlanNode {
    const known = this.nodes.get(node.id)
    if (known !== undefined && sameNode(known, node)) return known
    this.nodes.set(node.id, node)
    return node
  }

  get size(): number {
    return this.nodes.size
  }
}
