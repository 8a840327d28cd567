// The plan open for review in the Plan view: the plan, its file, and where it stands (review,
// applying, applied). No VS Code and no Effect: the file is written through a function given to it.
import type { Plan } from "@intercom-explorer/plans"
import { type ExclusionTarget, type Summarize, withExclusion } from "./exclusion"

export type PlanPhase = "review" | "applying" | "applied"

export interface OpenPlan {
  readonly plan: Plan
  /** The plan file (in the extension's global storage `plans/` folder, or one the user opened). */
  readonly file: string
  readonly phase: PlanPhase
}

export class PlanModel {
  private opened: OpenPlan | undefined
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly summarize: Summarize,
    /** Writes the plan file (atomically); the exclusions live in the file, not only here. */
    private readonly save: (file: string, plan: Plan) => Promise<void>
  ) {}

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private fire(): void {
    for (const listener of this.listeners) listener()
  }

  get current(): OpenPlan | undefined {
    return this.opened
  }

  open(plan: Plan, file: string): void {
    this.opened = { plan, file, phase: "review" }
    this.fire()
  }

  close(): void {
    this.opened = undefined
    this.fire()
  }

  setPhase(phase: PlanPhase): void {
    if (this.opened === undefined) return
    this.opened = { ...this.opened, phase }
    this.fire()
  }

  /**
   * Excludes (or includes again) an item, rewrites the plan file and recounts the summary. Refused
   * while the plan applies: what runs is what the file said when it started.
   */
  async setExcluded(target: ExclusionTarget, excluded: boolean): Promise<Plan | undefined> {
    const open = this.opened
    if (open === undefined || open.phase === "applying") return undefined
    const plan = withExclusion(open.plan, target, excluded, this.summarize)
    await this.save(open.file, plan)
    if (this.opened?.file !== open.file) return plan
    this.opened = { ...open, plan }
    this.fire()
    return plan
  }
}
