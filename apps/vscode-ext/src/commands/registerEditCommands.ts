import { Commands } from "../contributions"
import { engine } from "../lazy"
import type { StatusNode } from "../tree/nodes"
import type { CommandContext, Register } from "./CommandContext"

// The edit commands' code (and through it effect and core) is loaded on their first use, not at
// activation: see ../lazy.ts.
const company = () => engine().companyCommands
const tag = () => engine().tagCommands

const statusNode = (value: unknown): StatusNode | undefined =>
  typeof value === "object" && value !== null && "view" in value ? (value as StatusNode) : undefined

/** The tree and edit commands. Each returns what it did, for the tests and for callers. */
export const registerEditCommands = (register: Register, ctx: CommandContext): void => {
  const { trees } = ctx
  register(Commands.refreshCompanies, async () => trees.companies.refresh())
  register(Commands.refreshSegments, async () => trees.segments.refresh())
  register(Commands.refreshTags, async () => trees.tags.refresh())
  register(Commands.retry, async (node) => trees.retry(statusNode(node)))
  register(Commands.loadMoreCompanies, async () => trees.companies.loadMore())
  register(Commands.loadAllCompanies, async () => trees.companies.loadAll())
  register(Commands.stopLoadingCompanies, async () => trees.companies.stopLoading())
  register(Commands.loadMoreInGroup, async (node) => trees.loadMore(statusNode(node)))

  register(Commands.createCompany, () => company().createCompany(ctx))
  register(Commands.renameCompany, (...args) => company().renameCompany(ctx, args))
  register(Commands.editCompany, (...args) => company().editCompany(ctx, args))
  register(Commands.editCustomAttribute, (...args) => company().editCustomAttribute(ctx, args))
  register(Commands.deleteCompany, (...args) => company().deleteCompanies(ctx, args))
  register(Commands.tagCompany, (...args) => tag().tagCompanies(ctx, args))
  register(Commands.untagCompany, (...args) => tag().untagCompanies(ctx, args))
  register(Commands.attachContact, (...args) => company().changeContact(ctx, args, true))
  register(Commands.detachContact, (...args) => company().changeContact(ctx, args, false))
  register(Commands.addNote, (...args) => engine().contacts.addNote(ctx, args))
  register(Commands.openCompany, (...args) => company().openCompany(ctx, args))
  register(Commands.copyCompanyId, (...args) => company().copyCompanyId(ctx, args))

  register(Commands.createTag, () => tag().createTag(ctx))
  register(Commands.renameTag, (...args) => tag().renameTag(ctx, args))
  register(Commands.deleteTag, (...args) => tag().deleteTag(ctx, args))
  register(Commands.showTagCompanies, (...args) => tag().showTagCompanies(ctx, args))
  register(Commands.openSegment, (...args) => tag().openSegment(ctx, args))
}
