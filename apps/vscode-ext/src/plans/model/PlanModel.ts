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
  /**
   * An apply of it has begun (here, or before a reload): the journal holds its content hash, so
   * its exclusions can no longer change (a changed file would not resume).
   */
  readonly locked: boolean
  /** What the summary line calls it, when the plan itself cannot say (an undo: "Undo of companies.csv"). */
  readonly title: string | undefined
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

  open(plan: Plan, file: string, options: { readonly locked?: boolean; readonly title?: string } = {}): void {
    this.opened = { plan, file, phase: "review", locked: options.locked === true, title: options.title }
    this.fire()
  }

  close(): void {
    this.opened = undefined
    this.fire()
  }

  setPhase(phase: PlanPhase): void {
    if (this.opened === undefined) return
    this.opened = { ...this.opened, phase, locked: this.opened.locked || phase !== "review" }
    this.fire()
  }

  /**
   * Excludes (or includes again) an item, rewrites the plan file and recounts the summary. Refused
   * once an apply of the plan has begun: what runs (and resumes) is what the file said then.
   */
  async setExcluded(target: ExclusionTarget, excluded: boolean): Promise<Plan | undefined> {
    const open = this.opened
    if (open === undefined) return undefined
    if (open.locked) throw new Error("this plan has been applied (or partly): what it excludes can no longer change. Make a new plan to change more.")
    const plan = withExclusion(open.plan, target, excluded, this.summarize)
    await this.save(open.file, plan)
    if (this.opened?.file !== open.file) return plan
    this.opened = { ...open, plan }
    this.fire()
    return plan
  }
}
