// "Import Companies from CSV..." and "Bulk Edit...": the questions, then the plan made from the
// workspace's replica (planFromFile / planFromQuery), written to the global storage's `plans/`
// folder and opened in the Plan view for review. Nothing is sent to Intercom here.
import * as vscode from "vscode"
import type { Plan } from "@intercom-explorer/plans"
import { companyNodesOf } from "../commands/pickers"
import { queryProblem } from "../replica/replicaAccess"
import type { ListNode } from "../tree/nodes"
import { askAssignments } from "./AssignmentPrompts"
import { givenOrPickedFile } from "./FilePick"
import * as effects from "./planEffects"
import type { PlanWorkbench } from "./PlanWorkbench"
import { toQueryOptions } from "./model/assignments"
import { listQueryOf } from "./model/listQuery"

const making = <A>(title: string, work: () => Promise<A>): Thenable<A> =>
  vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work)

/** Writes the plan beside the others and opens it for review. */
const review = async (wb: PlanWorkbench, plan: Plan): Promise<Plan> => {
  const file = wb.planFileOf(plan)
  await effects.writePlan(file, plan)
  await wb.show(plan, file)
  return plan
}

/** Import Companies from CSV...: the file (picked, or the one the Explorer's menu passed), the match key, creates. */
export const importCsv = async (wb: PlanWorkbench, args: ReadonlyArray<unknown>): Promise<Plan | undefined> => {
  wb.requireSignedIn()
  const uri = await givenOrPickedFile(args[0], {
    title: "Import Companies from CSV",
    openLabel: "Import",
    filters: { "Companies (CSV, NDJSON)": ["csv", "ndjson", "jsonl"] }
  })
  if (uri === undefined) return undefined
  const match = await vscode.window.showQuickPick(
    [
      { label: "company_id", description: "your own id of each company (default)", value: "company_id" as const },
      { label: "id", description: "Intercom's id of each company", value: "id" as const }
    ],
    { title: "Import Companies: match rows by", placeHolder: "Which column finds the company of a row?" }
  )
  if (match === undefined) return undefined
  let create = false
  if (match.value === "company_id") {
    const answer = await vscode.window.showQuickPick(
      [
        { label: "Update existing companies only", description: "rows with an unknown company_id are reported", create: false },
        { label: "Also create companies not found", description: "rows with an unknown company_id become new companies", create: true }
      ],
      { title: "Import Companies: rows with no match", placeHolder: "What about rows whose company_id is not in the workspace?" }
    )
    if (answer === undefined) return undefined
    create = answer.create
  }
  const replicaFile = await wb.replicaFile()
  if (replicaFile === undefined) return undefined
  const file = uri.fsPath
  const plan = await making("Intercom: making the plan…", () => effects.buildFromFile(replicaFile, { file, match: match.value, create }))
  wb.deps.log.info(`Plan from ${file} (match ${match.value}${create ? ", create" : ""}): ${JSON.stringify(plan.summary)}.`)
  return review(wb, plan)
}

interface Target {
  readonly query: string
  readonly ids?: ReadonlyArray<string>
  readonly description: string
}

const isListNode = (value: unknown): value is ListNode =>
  typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "list" && typeof (value as { listId?: unknown }).listId === "string"

/** What a Bulk Edit acts on: the node it was run on, the selected companies, or a query typed in (the view's filter first). */
const targetOf = async (wb: PlanWorkbench, args: ReadonlyArray<unknown>): Promise<Target | undefined> => {
  const [clicked] = args
  if (isListNode(clicked)) {
    const list = listQueryOf(clicked.listId, wb.deps.trees.companies.lists)
    if (list === undefined) throw new Error("this list is no longer shown; refresh the Companies view")
    return list
  }
  const nodes = companyNodesOf(args)
  if (nodes.length > 0) {
    const ids = [...new Set(nodes.map((n) => n.companyId))]
    return { query: "", ids, description: ids.length === 1 ? "1 selected company" : `${ids.length} selected companies` }
  }
  const query = await vscode.window.showInputBox({
    title: "Bulk Edit: which companies?",
    prompt: "A query over the synced companies, e.g. plan:Pro spend>1000 tag:VIP. Empty: every company.",
    value: wb.deps.trees.companies.lists.filter,
    validateInput: (text) => queryProblem(text),
    ignoreFocusOut: true
  })
  if (query === undefined) return undefined
  const problem = queryProblem(query)
  if (problem !== undefined) throw new Error(`Not a query: ${problem}`)
  return { query: query.trim(), description: query.trim() === "" ? "every company" : query.trim() }
}

/** Bulk Edit...: the companies, the assignments, then the plan for review. */
export const bulkEdit = async (wb: PlanWorkbench, args: ReadonlyArray<unknown>): Promise<Plan | undefined> => {
  const replicaFile = await wb.replicaFile()
  if (replicaFile === undefined) return undefined
  const target = await targetOf(wb, args)
  if (target === undefined) return undefined
  // Read once, on the replica's thread, before the prompts ask.
  const known = await wb.deps.replica.model.reader?.tags().catch(() => undefined)
  const tags = () => known?.map((t) => t.name) ?? []
  const assignments = await askAssignments(target.description, tags)
  if (assignments === undefined || assignments.length === 0) return undefined
  const options = toQueryOptions(target.query, assignments, target.ids)
  const plan = await making("Intercom: making the plan…", () => effects.buildFromQuery(replicaFile, options))
  wb.deps.log.info(`Plan from ${target.description}: ${JSON.stringify(plan.summary)}.`)
  return review(wb, plan)
}
