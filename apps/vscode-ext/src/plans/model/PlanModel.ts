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
  /** The exclusions being written, one after another: each starts from the plan the last one left. */
  private saving: Promise<unknown> = Promise.resolve()

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
    this.opened = { ...this.opened, phase, locked: this.opened.locked || phase === "applied" }
    this.fire()
  }

  /** The apply reached the journal (or may have): the exclusions are what it runs and resumes. */
  lock(): void {
    if (this.opened === undefined || this.opened.locked) return
    this.opened = { ...this.opened, locked: true }
    this.fire()
  }

  /** Resolves once every exclusion asked for so far is in the plan file (Apply waits for it). */
  settled(): Promise<void> {
    return this.saving.then(() => undefined)
  }

  /**
   * Excludes (or includes again) an item, rewrites the plan file and recounts the summary. Refused
   * while an apply runs and once one has begun: what runs (and resumes) is what the file said then.
   * Exclusions asked for quickly one after another are written in turn, each on the last one's plan.
   */
  setExcluded(target: ExclusionTarget, excluded: boolean): Promise<Plan | undefined> {
    const write = async (): Promise<Plan | undefined> => {
      const open = this.opened
      if (open === undefined) return undefined
      if (open.locked || open.phase !== "review") {
        throw new Error("this plan has been applied (or partly): what it excludes can no longer change. Make a new plan to change more.")
      }
      const plan = withExclusion(open.plan, target, excluded, this.summarize)
      await this.save(open.file, plan)
      const now = this.opened
      if (now === undefined || now.file !== open.file || now.plan.id !== open.plan.id) return plan
      this.opened = { ...now, plan }
      this.fire()
      return plan
    }
    const next = this.saving.then(write)
    this.saving = next.catch(() => undefined)
    return next
  }
}
