// The identifiers the Plan view and the bulk-change commands share with package.json `contributes`
// (the integration tests compare them). Effect-free: activation imports this file.

export const PLAN_VIEW = "intercom.plan"

/**
 * The commands, `intercom.plan.<name>`: Import Companies from CSV..., Bulk Edit..., Open Plan..., Undo Bulk
 * Change..., the Plan view's Apply, Discard, Open Plan File, Exclude/Include (its context menu) and
 * Show Changes (clicking a company: its diff). Activation registers them by name (registerPlans.ts).
 */
export const PLAN_COMMAND_NAMES = ["importCsv", "bulkEdit", "openPlan", "undo", "apply", "discard", "openFile", "exclude", "include", "showDiff"] as const
export type PlanCommandName = typeof PLAN_COMMAND_NAMES[number]
export const PlanCommands = {
  importCsv: "intercom.plan.importCsv",
  bulkEdit: "intercom.plan.bulkEdit",
  openPlan: "intercom.plan.openPlan",
  undo: "intercom.plan.undo",
  apply: "intercom.plan.apply",
  discard: "intercom.plan.discard",
  openFile: "intercom.plan.openFile",
  exclude: "intercom.plan.exclude",
  include: "intercom.plan.include",
  showDiff: "intercom.plan.showDiff"
} as const satisfies { readonly [N in PlanCommandName]: `intercom.plan.${N}` }

export const PlanContextKeys = {
  /** A plan is open for review: the Plan view shows. */
  open: "intercom.plan.open",
  /** Its apply runs: Apply and Discard are hidden. */
  applying: "intercom.plan.applying"
} as const

/** The read-only documents of the diff editor: `intercom-plan:/<planId>/<seq>/before.json`. */
export const PLAN_DIFF_SCHEME = "intercom-plan"
