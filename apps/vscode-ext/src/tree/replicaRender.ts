import * as vscode from "vscode"
import { ReplicaCommands } from "../contributions"
import { formatCount } from "./model/CompanyRow"
import type { ReplicaEntry } from "./model/ReplicaCompaniesModel"
import type { GroupBy, SyncProgressInfo } from "./model/ReplicaReader"
import type { ListNode, ListRowNode } from "./nodes"

// TreeItems of the Companies view's replica rows: saved queries and groups, a list's Load more,
// a query the parser refuses, an empty list, a sync in progress.

const groupIcons: Record<GroupBy, string> = { plan: "credit-card", industry: "briefcase", tag: "tag", segment: "filter" }

export const listItem = (node: ListNode, entry: Extract<ReplicaEntry, { kind: "list" }>, groupBy: GroupBy | undefined): vscode.TreeItem => {
  const item = new vscode.TreeItem(entry.label, vscode.TreeItemCollapsibleState.Collapsed)
  item.id = node.id
  if (entry.problem !== undefined) {
    item.description = "invalid query"
    item.iconPath = new vscode.ThemeIcon("warning")
    item.tooltip = `${entry.label}: ${entry.problem}`
  } else {
    item.description = entry.count === undefined ? "" : formatCount(entry.count)
    item.iconPath = new vscode.ThemeIcon(entry.role === "query" ? "search" : groupIcons[groupBy ?? "plan"])
    item.tooltip = `${entry.label} · ${item.description} ${entry.count === 1 ? "company" : "companies"}`
  }
  item.contextValue = entry.role === "query" ? "savedQuery" : "companyGroup"
  return item
}

export const listRowItem = (node: ListRowNode, entry: ReplicaEntry | undefined, progress: SyncProgressInfo | undefined): vscode.TreeItem => {
  switch (node.kind) {
    case "listMore": {
      const item = new vscode.TreeItem("Load more", vscode.TreeItemCollapsibleState.None)
      if (entry?.kind === "more") item.description = `${formatCount(entry.shown)} of ${formatCount(entry.total)}`
      item.iconPath = new vscode.ThemeIcon("fold-down")
      item.command = { command: ReplicaCommands.loadMoreInList, title: "Load more", arguments: [node] }
      item.id = node.id
      return item
    }
    case "listProblem": {
      const message = entry?.kind === "problem" ? entry.message : "the query cannot run"
      const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None)
      item.iconPath = new vscode.ThemeIcon("warning")
      item.tooltip = `${message}\nChange it with Filter Companies..., or clear the filter.`
      item.id = node.id
      item.contextValue = "listProblem"
      return item
    }
    case "listEmpty": {
      const item = new vscode.TreeItem("No companies match", vscode.TreeItemCollapsibleState.None)
      item.iconPath = new vscode.ThemeIcon("circle-slash")
      item.id = node.id
      return item
    }
    case "syncing": {
      const item = new vscode.TreeItem("Syncing companies…", vscode.TreeItemCollapsibleState.None)
      item.description = progress === undefined || progress.companies === 0
        ? "click to stop"
        : `${formatCount(progress.companies)} so far · click to stop`
      item.iconPath = new vscode.ThemeIcon("sync~spin")
      item.command = { command: ReplicaCommands.cancelSync, title: "Stop Sync" }
      item.id = node.id
      return item
    }
  }
}
