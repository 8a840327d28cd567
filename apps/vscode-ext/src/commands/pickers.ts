import { Companies, describeError, Segments, Tags } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { type CompanyRow, companyDescription, companyLabel, type Named, toCompanyRow } from "../tree/model/CompanyRow"
import type { GroupsModel } from "../tree/model/GroupsModel"
import type { CompanyGroupNode, CompanyNode, GroupNode, TreeNode } from "../tree/nodes"
import { isCompanyNode } from "../tree/nodes"
import type { CommandArgs, CommandContext, EditContext } from "./CommandContext"
import { validateTagName } from "./companyFields"

// Which rows a command acts on: the row it was run on, the rows selected with it (multi-select),
// or, from the command palette, what the user picks in a QuickPick.

const isNode = (value: unknown): value is TreeNode =>
  typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" &&
  typeof (value as { id?: unknown }).id === "string"

/** The company nodes a menu passed: the selection when the clicked row is part of it, else the row. */
export const companyNodesOf = (args: CommandArgs): Array<CompanyNode> => {
  const [clicked, selected] = args
  if (Array.isArray(selected)) {
    const nodes = selected.filter(isCompanyNode)
    if (nodes.length > 0 && (!isCompanyNode(clicked) || nodes.some((n) => n.companyId === clicked.companyId))) return nodes
  }
  if (isCompanyNode(clicked)) return [clicked]
  if (isNode(clicked) && (clicked.kind === "companyTag" || clicked.kind === "companySegment")) return [(clicked as CompanyGroupNode).parent]
  return []
}

const groupNodeOf = (args: CommandArgs, kind: "tag" | "segment"): GroupNode | undefined => {
  const [clicked] = args
  return isNode(clicked) && clicked.kind === kind ? (clicked as GroupNode) : undefined
}

export const companyGroupNodeOf = (args: CommandArgs): CompanyGroupNode | undefined => {
  const [clicked] = args
  return isNode(clicked) && (clicked.kind === "companyTag" || clicked.kind === "companySegment") ? (clicked as CompanyGroupNode) : undefined
}

interface CompanyItem extends vscode.QuickPickItem {
  readonly row?: CompanyRow
  readonly byId?: true
}

/** Loaded rows offered in a QuickPick; more would make the picker itself slow. */
const MAX_PICK_ROWS = 2_000

/** Rows for companies given by id (from nodes): loaded ones at once, others fetched. */
export const rowsFor = async (ctx: EditContext, ids: ReadonlyArray<string>): Promise<Array<CompanyRow>> => {
  const out: Array<CompanyRow> = []
  for (const id of ids) {
    const known = ctx.trees.findRow(id)
    out.push(known ?? toCompanyRow(await ctx.session.run(Companies.use((c) => c.retrieve(id)))))
  }
  return out
}

/**
 * The companies a command acts on. From a row: that row (or the selection). From the palette: a
 * QuickPick of the loaded companies, with "Enter an Intercom id…" for any other. Undefined when
 * the user dismissed the picker.
 */
export const pickCompanies = async (
  ctx: CommandContext,
  args: CommandArgs,
  options: { readonly many: boolean; readonly title: string }
): Promise<Array<CompanyRow> | undefined> => {
  const nodes = companyNodesOf(args)
  if (nodes.length > 0) return rowsFor(ctx, [...new Set(nodes.map((n) => n.companyId))])
  // The company document passes its company's Intercom id.
  if (typeof args[0] === "string" && args[0].trim() !== "") return rowsFor(ctx, [args[0].trim()])
  const rows = ctx.trees.loadedCompanies().slice(0, MAX_PICK_ROWS)
  const items: Array<CompanyItem> = [
    ...rows.map((row) => ({ label: companyLabel(row), description: row.companyId ?? "", detail: companyDescription(row), row })),
    { label: "$(edit) Enter a company's Intercom id…", byId: true, alwaysShow: true }
  ]
  const picked = options.many
    ? await vscode.window.showQuickPick(items, { title: options.title, placeHolder: "Pick companies", canPickMany: true, matchOnDescription: true })
    : await vscode.window.showQuickPick(items, { title: options.title, placeHolder: "Pick a company", matchOnDescription: true })
  if (picked === undefined) return undefined
  const list = (Array.isArray(picked) ? picked : [picked]) as Array<CompanyItem>
  if (list.length === 0) return undefined
  const out = list.flatMap((item) => (item.row === undefined ? [] : [item.row]))
  if (list.some((item) => item.byId === true)) {
    const id = await vscode.window.showInputBox({
      title: options.title,
      prompt: "The company's Intercom id (not its company_id).",
      validateInput: (value) => (value.trim() === "" ? "Enter the company's Intercom id." : undefined)
    })
    if (id === undefined) return out.length > 0 ? out : undefined
    try {
      out.push(...await rowsFor(ctx, [id.trim()]))
    } catch (error) {
      void vscode.window.showErrorMessage(`Company ${id.trim()}: ${describeError(error)}`)
      return out.length > 0 ? out : undefined
    }
  }
  return out
}

interface NamedItem extends vscode.QuickPickItem {
  readonly named?: Named
  readonly create?: true
}

/** A view's groups when it has loaded them all, else the list fetched from Intercom. */
const knownGroups = async (
  model: GroupsModel,
  fetch: () => Promise<ReadonlyArray<Named>>
): Promise<ReadonlyArray<Named>> => (model.phase === "ready" && model.error === undefined ? model.groups() : fetch())

const toNamed = (group: { readonly id: string; readonly name: string }): Named => ({ id: group.id, name: group.name })

/** The tags, from the Tags view when loaded, else from Intercom. */
export const knownTags = (ctx: CommandContext): Promise<ReadonlyArray<Named>> =>
  knownGroups(ctx.trees.tags.model, async () => (await ctx.session.run(Tags.use((t) => t.list()))).map(toNamed))

const knownSegments = (ctx: CommandContext): Promise<ReadonlyArray<Named>> =>
  knownGroups(ctx.trees.segments.model, async () => (await ctx.session.run(Segments.use((s) => s.list()))).map(toNamed))

/**
 * A tag from a QuickPick. `allowCreate` adds "New tag…" (the name is then asked for); `among`
 * limits the choice (e.g. the tags the companies carry).
 */
export const pickTag = async (
  ctx: CommandContext,
  options: { readonly title: string; readonly allowCreate?: boolean; readonly among?: ReadonlyArray<Named> }
): Promise<{ readonly tag: Named } | { readonly newName: string } | undefined> => {
  const tags = options.among ?? await knownTags(ctx)
  const items: Array<NamedItem> = tags.map((t) => ({ label: t.name, named: t }))
  if (options.allowCreate === true) items.push({ label: "$(add) New tag…", create: true, alwaysShow: true })
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: "Pick a tag" })
  if (picked === undefined) return undefined
  if (picked.named !== undefined) return { tag: picked.named }
  const name = await vscode.window.showInputBox({ title: options.title, prompt: "The new tag's name.", validateInput: validateTagName })
  if (name === undefined) return undefined
  return { newName: name }
}

/** A tag from the row the command ran on, or picked. */
export const tagOf = async (ctx: CommandContext, args: CommandArgs, title: string): Promise<Named | undefined> => {
  const node = groupNodeOf(args, "tag")
  if (node !== undefined) return ctx.trees.tags.model.get(node.groupId)
  const picked = await pickTag(ctx, { title })
  return picked !== undefined && "tag" in picked ? picked.tag : undefined
}

export const segmentOf = async (ctx: CommandContext, args: CommandArgs, title: string): Promise<Named | undefined> => {
  const node = groupNodeOf(args, "segment")
  if (node !== undefined) return ctx.trees.segments.model.get(node.groupId)
  const group = companyGroupNodeOf(args)
  if (group?.kind === "companySegment") return group.named
  const segments = await knownSegments(ctx)
  const picked = await vscode.window.showQuickPick(segments.map((s) => ({ label: s.name, named: s })), { title, placeHolder: "Pick a segment" })
  return picked?.named
}

/** A contact's Intercom id, typed (contacts have no picker of their own). */
export const contactIdPrompt = (title: string): Thenable<string | undefined> =>
  vscode.window.showInputBox({
    title,
    prompt: "The contact's Intercom id.",
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === "" ? "Enter the contact's id." : undefined)
  })
