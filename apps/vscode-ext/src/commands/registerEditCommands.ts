import { Commands } from "../contributions"
import type { StatusNode } from "../tree/nodes"
import type { CommandContext, Register } from "./CommandContext"
import {
  changeContact,
  copyCompanyId,
  createCompany,
  deleteCompanies,
  editCompany,
  editCustomAttribute,
  openCompany,
  renameCompany
} from "./CompanyCommands"
import { createTag, deleteTag, openSegment, renameTag, showTagCompanies, tagCompanies, untagCompanies } from "./TagCommands"

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

  register(Commands.createCompany, () => createCompany(ctx))
  register(Commands.renameCompany, (...args) => renameCompany(ctx, args))
  register(Commands.editCompany, (...args) => editCompany(ctx, args))
  register(Commands.editCustomAttribute, (...args) => editCustomAttribute(ctx, args))
  register(Commands.deleteCompany, (...args) => deleteCompanies(ctx, args))
  register(Commands.tagCompany, (...args) => tagCompanies(ctx, args))
  register(Commands.untagCompany, (...args) => untagCompanies(ctx, args))
  register(Commands.attachContact, (...args) => changeContact(ctx, args, true))
  register(Commands.detachContact, (...args) => changeContact(ctx, args, false))
  register(Commands.openCompany, (...args) => openCompany(ctx, args))
  register(Commands.copyCompanyId, (...args) => copyCompanyId(ctx, args))

  register(Commands.createTag, () => createTag(ctx))
  register(Commands.renameTag, (...args) => renameTag(ctx, args))
  register(Commands.deleteTag, (...args) => deleteTag(ctx, args))
  register(Commands.showTagCompanies, (...args) => showTagCompanies(ctx, args))
  register(Commands.openSegment, (...args) => openSegment(ctx, args))
}
