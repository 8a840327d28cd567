import * as vscode from "vscode"
import { Commands, DocumentCommands } from "../contributions"
import { type CompanyRow, companyDescription, companyLabel, companyTooltip, formatCount } from "./model/CompanyRow"
import { failureRowDescription, failureRowLabel, type ListFailure } from "./model/LoadState"
import type { CompanyGroupNode, CompanyNode, GroupNode, StatusNode, TreeNode } from "./nodes"

// TreeItems for each kind of node. contextValue is a `;`-joined set of facets that package.json's
// menus match with regexes (`viewItem =~ /^company(;|$)/`), so a row gets exactly its actions.

export const companyItem = (node: CompanyNode, row: CompanyRow, pending: string | undefined): vscode.TreeItem => {
  const hasChildren = row.tags.length + row.segments.length > 0
  const item = new vscode.TreeItem(
    companyLabel(row),
    hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None
  )
  item.id = node.id
  item.description = pending ?? companyDescription(row)
  // The tooltip is left to resolveTreeItem (companyTooltipOf): built on hover only, it is not sent
  // to the workbench with every row of a 25,000-row refresh.
  item.iconPath = new vscode.ThemeIcon(pending !== undefined ? "loading~spin" : "organization")
  // `company;underTag` rows can be untagged from their tag with one click.
  item.contextValue = node.group?.kind === "tag" ? "company;underTag" : "company"
  // A click opens the company's document (a preview tab, as a click on a file does).
  item.command = { command: DocumentCommands.open, title: "Open Company", arguments: [node] }
  item.accessibilityInformation = { label: `Company ${companyLabel(row)}, ${item.description}` }
  return item
}

/** The rich tooltip of a company row, for TreeDataProvider.resolveTreeItem. */
export const companyTooltipOf = (row: CompanyRow): vscode.MarkdownString => {
  const tooltip = new vscode.MarkdownString(companyTooltip(row))
  tooltip.supportThemeIcons = true
  return tooltip
}

export const companyGroupItem = (node: CompanyGroupNode): vscode.TreeItem => {
  const item = new vscode.TreeItem(node.named.name, vscode.TreeItemCollapsibleState.None)
  item.id = node.id
  item.description = node.kind === "companyTag" ? "tag" : "segment"
  item.iconPath = new vscode.ThemeIcon(node.kind === "companyTag" ? "tag" : "filter")
  item.contextValue = node.kind
  return item
}

export const groupItem = (
  node: GroupNode,
  name: string,
  description: string | undefined,
  pending: string | undefined
): vscode.TreeItem => {
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed)
  item.id = node.id
  const shown = pending ?? description
  if (shown !== undefined) item.description = shown
  item.iconPath = new vscode.ThemeIcon(pending !== undefined ? "loading~spin" : node.kind === "tag" ? "tag" : "filter")
  item.contextValue = node.kind
  item.tooltip = `${node.kind === "tag" ? "Tag" : "Segment"} ${name}${description === undefined ? "" : ` · ${description}`}`
  return item
}

const action = (node: TreeNode, label: string, command: string, icon: string, description?: string): vscode.TreeItem => {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None)
  item.id = node.id
  item.iconPath = new vscode.ThemeIcon(icon)
  if (description !== undefined) item.description = description
  item.command = { command, title: label, arguments: [node] }
  return item
}

export interface StatusDetails {
  readonly failure?: ListFailure | undefined
  readonly hasData?: boolean
  readonly shown?: number
  readonly total?: number | undefined
  /** Companies root: every company of the workspace, when known (CompaniesModel.allCount). */
  readonly all?: number | undefined
  /** Companies root: how many of them Intercom's list leaves out (no users), when known. */
  readonly withoutUsers?: number | undefined
  readonly loaded?: number
  readonly waiting?: boolean
}

export const statusItem = (node: StatusNode, details: StatusDetails): vscode.TreeItem => {
  switch (node.kind) {
    case "error": {
      const failure = details.failure!
      const item = action(node, failureRowLabel(failure), Commands.retry, failure.offline ? "cloud-offline" : "warning")
      item.description = `${failureRowDescription(failure, details.hasData === true)} Retry`
      item.tooltip = `${failure.message}\nClick to retry. Details are in Intercom: Show Logs.`
      item.contextValue = "error"
      return item
    }
    case "loadMore": {
      // The Companies root pages through Intercom's list, which counts only companies with users.
      const of = node.group === undefined ? " with users" : ""
      return action(
        node,
        "Load more",
        node.group === undefined ? Commands.loadMoreCompanies : Commands.loadMoreInGroup,
        "fold-down",
        details.total === undefined || details.shown === undefined ? undefined : `${formatCount(details.shown)} of ${formatCount(details.total)}${of}`
      )
    }
    case "loadAll": {
      const { all, withoutUsers } = details
      const item = action(
        node,
        "Load all",
        Commands.loadAllCompanies,
        "cloud-download",
        all === undefined || withoutUsers === undefined
          ? "every company, including those without users"
          : withoutUsers > 0 ? `all ${formatCount(all)}, including ${formatCount(withoutUsers)} without users` : `all ${formatCount(all)}`
      )
      item.tooltip = "Reads every company through Intercom's scroll API, in the background, including those without users, which Intercom's list leaves out."
      return item
    }
    case "loadingAll": {
      const expected = details.all !== undefined ? ` of ${formatCount(details.all)}` : details.total === undefined ? "" : ` of ~${formatCount(details.total)}`
      const item = action(
        node,
        details.waiting === true ? "Waiting for another scroll of this app…" : "Loading all companies…",
        Commands.stopLoadingCompanies,
        "loading~spin",
        `${formatCount(details.loaded ?? 0)}${expected} · click to stop`
      )
      item.contextValue = "loadingAll"
      return item
    }
    case "capped":
      return action(
        node,
        `Showing the first ${formatCount(details.shown ?? 0)} companies`,
        "intercom.findCompany",
        "info",
        "use Find Company for the others"
      )
    case "loading": {
      const item = new vscode.TreeItem("Loading…", vscode.TreeItemCollapsibleState.None)
      item.id = node.id
      item.iconPath = new vscode.ThemeIcon("loading~spin")
      return item
    }
    case "empty": {
      const item = new vscode.TreeItem("No companies", vscode.TreeItemCollapsibleState.None)
      item.id = node.id
      item.iconPath = new vscode.ThemeIcon("circle-slash")
      return item
    }
  }
}
