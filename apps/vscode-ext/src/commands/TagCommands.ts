import { type IntercomError, isIntercomError, Tags } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { type CompanyRow, companyLabel, type Named } from "../tree/model/CompanyRow"
import type { CommandArgs, CommandContext, EditContext } from "./CommandContext"
import { validateTagName } from "./companyFields"
import { companyGroupNodeOf, companyNodesOf, knownTags, pickCompanies, pickTag, rowsFor, segmentOf, tagOf } from "./pickers"
import { tagDeleteRefusal } from "./tagDeleteRefusal"
import { openInWebApp } from "./CompanyCommands"
import { segmentWebUrl } from "./webAppUrl"
import { refused, writeFailed } from "./writes"

/** Intercom's refusal to delete a tag that segments use (400 tag_has_dependent_objects). */
const isTagInUse = (error: unknown): error is IntercomError =>
  isIntercomError(error) && error.reason._tag === "BadRequest" && error.reason.code === "tag_has_dependent_objects"

const companiesNamed = (rows: ReadonlyArray<CompanyRow>): string =>
  rows.length === 1 ? companyLabel(rows[0]!) : `${rows.length} companies`

/**
 * Tags companies with one POST /tags, whatever their number (multi-select, drag and drop); the rows
 * gain the tag and the tag lists them, without reloading anything.
 */
const tagCompaniesWith = async (ctx: EditContext, rows: ReadonlyArray<CompanyRow>, tagName: string): Promise<Named | undefined> => {
  const ids = rows.map((r) => r.id)
  try {
    const tag = await ctx.trees.withCompanyPending(ids, "tagging…", () => ctx.session.run(Tags.use((t) => t.tagCompanies(tagName, ids))))
    ctx.trees.companiesTagged({ id: tag.id, name: tag.name }, rows)
    return { id: tag.id, name: tag.name }
  } catch (error) {
    return writeFailed(ctx, `Couldn't tag ${companiesNamed(rows)} with '${tagName}'`, error)
  }
}

/** "Tag Companies…": the row or the selection, then a tag (or a new one). */
export const tagCompanies = async (ctx: CommandContext, args: CommandArgs): Promise<Named | undefined> => {
  const rows = await pickCompanies(ctx, args, { many: true, title: "Tag Companies" })
  if (rows === undefined || rows.length === 0) return undefined
  const picked = await pickTag(ctx, { title: `Tag ${companiesNamed(rows)}`, allowCreate: true })
  if (picked === undefined) return undefined
  return tagCompaniesWith(ctx, rows, "tag" in picked ? picked.tag.name : picked.newName)
}

/** Companies dropped on a tag in the Tags view (Trees calls this). */
export const dropOnTag = async (ctx: EditContext, tag: Named, companyIds: ReadonlyArray<string>): Promise<Named | undefined> => {
  try {
    const rows = await rowsFor(ctx, companyIds)
    return rows.length === 0 ? undefined : await tagCompaniesWith(ctx, rows, tag.name)
  } catch (error) {
    return writeFailed(ctx, `Couldn't tag the dropped companies with '${tag.name}'`, error)
  }
}

/**
 * "Remove Tag…": from a tag under a company, that tag; from a company under a tag, that tag;
 * otherwise one of the tags the companies carry.
 */
export const untagCompanies = async (ctx: CommandContext, args: CommandArgs): Promise<Named | undefined> => {
  const rows = await pickCompanies(ctx, args, { many: true, title: "Remove Tag" })
  if (rows === undefined || rows.length === 0) return undefined
  let tag: Named | undefined
  const under = companyGroupNodeOf(args)
  const group = companyNodesOf(args)[0]?.group
  if (under?.kind === "companyTag") tag = under.named
  else if (group?.kind === "tag") tag = ctx.trees.tags.model.get(group.groupId)
  if (tag === undefined) {
    const carried = new Map<string, Named>()
    for (const row of rows) for (const t of row.tags) carried.set(t.id, t)
    if (carried.size === 0) {
      void vscode.window.showInformationMessage(`${companiesNamed(rows)} ${rows.length === 1 ? "has" : "have"} no tags.`)
      return undefined
    }
    const picked = await pickTag(ctx, { title: `Remove a tag from ${companiesNamed(rows)}`, among: [...carried.values()] })
    if (picked === undefined || !("tag" in picked)) return undefined
    tag = picked.tag
  }
  const ids = rows.map((r) => r.id)
  const name = tag.name
  try {
    await ctx.trees.withCompanyPending(ids, "untagging…", () => ctx.session.run(Tags.use((t) => t.untagCompanies(name, ids))))
    ctx.trees.companiesUntagged(tag, rows)
    return tag
  } catch (error) {
    return writeFailed(ctx, `Couldn't remove '${name}' from ${companiesNamed(rows)}`, error)
  }
}

/** "Create Tag…". */
export const createTag = async (ctx: CommandContext): Promise<Named | undefined> => {
  const existing = await knownTags(ctx).catch(() => [] as ReadonlyArray<Named>)
  const name = await vscode.window.showInputBox({
    title: "Create Tag",
    prompt: "The tag's name.",
    validateInput: (value) =>
      validateTagName(value) ??
        (existing.some((t) => t.name.toLowerCase() === value.toLowerCase()) ? `A tag named '${value}' already exists.` : undefined)
  })
  if (name === undefined) return undefined
  const problem = validateTagName(name)
  if (problem !== undefined) return refused(ctx, "Couldn't create the tag", problem)
  try {
    const tag = await ctx.session.run(Tags.use((t) => t.create(name)))
    ctx.trees.tagAdded({ id: tag.id, name: tag.name })
    return { id: tag.id, name: tag.name }
  } catch (error) {
    return writeFailed(ctx, `Couldn't create the tag '${name}'`, error)
  }
}

/** "Rename Tag…". */
export const renameTag = async (ctx: CommandContext, args: CommandArgs): Promise<Named | undefined> => {
  const tag = await tagOf(ctx, args, "Rename Tag")
  if (tag === undefined) return undefined
  const name = await vscode.window.showInputBox({ title: `Rename tag '${tag.name}'`, value: tag.name, validateInput: validateTagName })
  if (name === undefined || name === tag.name) return undefined
  const problem = validateTagName(name)
  if (problem !== undefined) return refused(ctx, `Couldn't rename '${tag.name}'`, problem)
  try {
    const renamed = await ctx.trees.withTagPending(tag.id, "renaming…", () => ctx.session.run(Tags.use((t) => t.rename(tag.id, name))))
    const next = { id: renamed.id, name: renamed.name }
    ctx.trees.tagRenamed(next)
    return next
  } catch (error) {
    return writeFailed(ctx, `Couldn't rename '${tag.name}'`, error)
  }
}

export type DeleteTagOutcome = "deleted" | "refused" | "failed" | "cancelled"

/** "Delete Tag…", after a modal confirmation; a tag segments use is refused, in plain words. */
export const deleteTag = async (ctx: CommandContext, args: CommandArgs): Promise<DeleteTagOutcome> => {
  const tag = await tagOf(ctx, args, "Delete Tag")
  if (tag === undefined) return "cancelled"
  const answer = await vscode.window.showWarningMessage(
    `Delete tag '${tag.name}'?`,
    { modal: true, detail: "It is removed from every company and contact that carries it." },
    "Delete"
  )
  if (answer !== "Delete") return "cancelled"
  try {
    await ctx.trees.withTagPending(tag.id, "deleting…", () => ctx.session.run(Tags.use((t) => t.delete(tag.id))))
    ctx.trees.tagDeleted(tag.id)
    return "deleted"
  } catch (error) {
    if (isTagInUse(error)) {
      const message = tagDeleteRefusal(tag.name, error.intercomMessage)
      ctx.log.info(message)
      void vscode.window.showErrorMessage(message)
      return "refused"
    }
    writeFailed(ctx, `Couldn't delete the tag '${tag.name}'`, error)
    return "failed"
  }
}

/** "Show Companies": the tag's row in the Tags view, expanded to its companies. */
export const showTagCompanies = async (ctx: CommandContext, args: CommandArgs): Promise<Named | undefined> => {
  const tag = await tagOf(ctx, args, "Show Companies with Tag")
  if (tag === undefined) return undefined
  if (ctx.trees.tags.model.get(tag.id) === undefined) ctx.trees.tagAdded(tag)
  await ctx.trees.tags.view.reveal(ctx.trees.tags.groupNode(tag.id), { select: true, focus: true, expand: true })
  return tag
}

/** "Open Segment in Intercom" (segments are read-only here). */
export const openSegment = async (ctx: CommandContext, args: CommandArgs): Promise<string | undefined> => {
  const segment = await segmentOf(ctx, args, "Open Segment in Intercom")
  if (segment === undefined) return undefined
  return openInWebApp(ctx, "segment", (region, appId) => segmentWebUrl(region, appId, segment.id))
}
