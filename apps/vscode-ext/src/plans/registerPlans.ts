// Activation side of bulk changes: the commands, each loading the feature's code (the engine) on
// first use, and the offer to resume an unfinished apply once a workspace's replica opens. No
// effect and nothing of the plans package here (see ../lazy.ts): what each command does is
// plansEngine.ts's `runCommand`.
import type * as vscode from "vscode"
import { guardedCommand } from "../guardedCommand"
import { engine } from "../lazy"
import { PLAN_COMMAND_NAMES } from "./PlanContributions"
import type { PlansDeps } from "./PlansDeps"
import type { PlanWorkbench } from "./PlanWorkbench"

/** For the integration tests: the feature's state, once something used it. */
export interface PlansApi {
  readonly workbench: () => PlanWorkbench | undefined
}

export const registerPlans = (context: vscode.ExtensionContext, deps: PlansDeps): PlansApi => {
  let workbench: PlanWorkbench | undefined
  const plans = () => engine().plans
  const wb = () => (workbench ??= new (plans().PlanWorkbench)(deps))
  for (const name of PLAN_COMMAND_NAMES) {
    context.subscriptions.push(guardedCommand(`intercom.plan.${name}`, (...args) => plans().runCommand(name, wb(), args), deps.log))
  }
  // A replica opened (a window reload, a sign-in): the engine (loaded by then: opening a replica is
  // its work) offers an apply its journal shows unfinished.
  const off = deps.replica.model.onDidChange(() => (deps.replica.model.reader ?? workbench) && plans().replicaChanged(wb()))
  context.subscriptions.push({ dispose: off }, { dispose: () => workbench?.dispose() })
  return { workbench: () => workbench }
}
