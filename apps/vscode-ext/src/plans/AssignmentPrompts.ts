// Bulk Edit's questions: what to change, one assignment at a time (set a field, set or clear a
// custom attribute, add or remove a tag), until "Build the plan". Values are validated while typing
// with the models' messages (the edit boxes' own validators, core's validateRequest).
import * as vscode from "vscode"
import { FIELDS, validateAttributeValue, validateField, validateTagName } from "../commands/companyFields"
import { type Assignment, describeAssignment, validateAttributeKeyText } from "./model/assignments"

type Step = "build" | "field" | "custom" | "tag" | "untag"

interface StepItem extends vscode.QuickPickItem {
  readonly step: Step
}

/** A tag name: one of the workspace's (from the replica) or a new one typed in. */
const pickTag = async (title: string, known: ReadonlyArray<string>, allowNew: boolean): Promise<string | undefined> => {
  const items: Array<vscode.QuickPickItem & { readonly name?: string }> = [
    ...known.map((name) => ({ label: name, name })),
    ...(allowNew ? [{ label: "New tag…", alwaysShow: true }] : [])
  ]
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: "Pick a tag" })
  if (picked === undefined) return undefined
  if (picked.name !== undefined) return picked.name
  return vscode.window.showInputBox({ title, prompt: "The tag's name (tagging creates it).", validateInput: validateTagName, ignoreFocusOut: true })
}

const askField = async (title: string): Promise<Assignment | undefined> => {
  const picked = await vscode.window.showQuickPick(FIELDS.map((f) => ({ label: f.label, field: f })), { title, placeHolder: "Which field?" })
  if (picked === undefined) return undefined
  const spec = picked.field
  const value = await vscode.window.showInputBox({
    title: `${title}: ${spec.label}`,
    prompt: `${spec.prompt} Every company of the plan gets this value.`,
    placeHolder: spec.placeHolder,
    validateInput: validateField(spec.field),
    ignoreFocusOut: true
  })
  return value === undefined ? undefined : { kind: "set", field: spec.field, value }
}

const askCustom = async (title: string): Promise<Assignment | undefined> => {
  const key = await vscode.window.showInputBox({ title: `${title}: custom attribute`, prompt: "The custom attribute's name.", placeHolder: "tier", validateInput: validateAttributeKeyText, ignoreFocusOut: true })
  if (key === undefined) return undefined
  const name = key.trim()
  const value = await vscode.window.showInputBox({
    title: `${title}: ${name}`,
    prompt: "Its value: text, a number, true or false. Empty clears it.",
    validateInput: (text) => (text === "" ? undefined : validateAttributeValue(name)(text)),
    ignoreFocusOut: true
  })
  if (value === undefined) return undefined
  return value === "" ? { kind: "clear", key: name } : { kind: "set", field: `custom.${name}`, value }
}

/**
 * Asks for the assignments of a bulk edit of `target` (a description: the query, "3 selected
 * companies"). Undefined when the user dismissed the first menu.
 */
export const askAssignments = async (target: string, tags: () => ReadonlyArray<string>): Promise<ReadonlyArray<Assignment> | undefined> => {
  const title = `Bulk Edit: ${target}`
  const assignments: Array<Assignment> = []
  for (;;) {
    const items: Array<StepItem> = [
      ...(assignments.length > 0
        ? [{ label: "$(check) Build the plan", description: assignments.map(describeAssignment).join(", "), step: "build" as const }]
        : []),
      { label: "Set a field…", description: "name, plan, size, website, industry, monthly spend", step: "field" },
      { label: "Set a custom attribute…", description: "or clear one", step: "custom" },
      { label: "Add a tag…", step: "tag" },
      { label: "Remove a tag…", step: "untag" }
    ]
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: assignments.length === 0 ? "What should change?" : "Another change, or build the plan"
    })
    if (picked === undefined) return undefined
    if (picked.step === "build") return assignments
    const next = picked.step === "field"
      ? await askField(title)
      : picked.step === "custom"
      ? await askCustom(title)
      : await pickTag(picked.step === "tag" ? "Add a tag" : "Remove a tag", tags(), picked.step === "tag").then((name): Assignment | undefined =>
        name === undefined ? undefined : { kind: picked.step === "tag" ? "tag" : "untag", name: name.trim() })
    if (next !== undefined) assignments.push(next)
  }
}
