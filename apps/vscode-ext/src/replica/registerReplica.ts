import * as vscode from "vscode"
import { CONFIG_SECTION, ReplicaCommands } from "../contributions"
import { engine } from "../lazy"
import type { Log } from "../logging/Log"
import { GROUP_CHOICES, SORT_CHOICES } from "../tree/model/companyQuery"
import type { ListNode, ListRowNode } from "../tree/nodes"
import type { Trees } from "../tree/Trees"

type Register = (id: string, run: (...args: Array<any>) => Promise<unknown>) => void

/**
 * The Companies view's commands on the replica: Sync Companies (and stop), Filter Companies...
 * (validated as you type with the parser's message), Clear Filter, Group By..., Sort By..., Edit
 * Query (settings.json at the saved query), a list's Load more, and Delete Local Data.
 */
export const registerReplica = (register: Register, trees: Trees, log: Log): void => {
  const replica = trees.replica
  const companies = trees.companies

  register(ReplicaCommands.sync, async () => {
    await replica.sync("command")
  })
  register(ReplicaCommands.cancelSync, async () => replica.cancelSync())

  register(ReplicaCommands.filter, async () => {
    const access = engine().replicaAccess
    const value = await vscode.window.showInputBox({
      title: "Filter Companies",
      value: companies.lists.filter,
      prompt: `A query over the synced companies, e.g. plan:Pro spend>1000 tag:VIP -tag:"Churn risk" sort:-spend. Empty clears the filter.`,
      placeHolder: "plan:Pro spend>1000",
      validateInput: (text) => access.queryProblem(text)
    })
    if (value === undefined) return
    const problem = access.queryProblem(value)
    if (problem !== undefined) throw new Error(`Not a query: ${problem}`)
    companies.setFilter(value)
    log.info(value.trim() === "" ? "Companies filter cleared." : `Companies filter: ${value.trim()}`)
    if (!companies.onReplica) void replica.sync("command")
  })
  register(ReplicaCommands.clearFilter, async () => companies.setFilter(""))

  register(ReplicaCommands.groupBy, async () => {
    const current = companies.lists.groupBy
    const picked = await vscode.window.showQuickPick(
      GROUP_CHOICES.map((c) => ({ label: c.label, value: c.value, description: c.value === current ? "current" : "" })),
      { title: "Group Companies By" }
    )
    if (picked === undefined) return
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update("companies.groupBy", picked.value, vscode.ConfigurationTarget.Global)
  })

  register(ReplicaCommands.sortBy, async () => {
    const current = companies.lists.sort
    const picked = await vscode.window.showQuickPick(
      SORT_CHOICES.map((c) => ({ label: c.label, value: c.value, description: c.value === current ? "current" : `sort:${c.value}` })),
      { title: "Sort Companies By" }
    )
    if (picked === undefined) return
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update("companies.sort", picked.value, vscode.ConfigurationTarget.Global)
  })

  register(ReplicaCommands.editQuery, async (node?: ListNode) => {
    const queries = companies.lists.queries
    const index = node === undefined ? undefined : Number(/^query:(\d+)$/.exec(node.listId)?.[1])
    // The defaults live in package.json, not in settings.json: write them there so the entry exists.
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION)
    if (config.inspect("companies.queries")?.globalValue === undefined) {
      await config.update("companies.queries", queries.map((q) => ({ label: q.label, query: q.query })), vscode.ConfigurationTarget.Global)
    }
    await vscode.commands.executeCommand("workbench.action.openSettingsJson")
    const editor = vscode.window.activeTextEditor
    const label = index === undefined || Number.isNaN(index) ? undefined : queries[index]?.label
    if (editor === undefined) return
    const text = editor.document.getText()
    const at = label === undefined ? text.indexOf(`"intercom.companies.queries"`) : text.indexOf(`"label": ${JSON.stringify(label)}`)
    if (at < 0) return
    const start = editor.document.positionAt(at)
    const end = editor.document.positionAt(at + (label === undefined ? `"intercom.companies.queries"`.length : `"label": ${JSON.stringify(label)}`.length))
    editor.selection = new vscode.Selection(start, end)
    editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenter)
  })

  register(ReplicaCommands.loadMoreInList, async (node?: ListRowNode) => {
    if (node?.listId.startsWith("in-tag:")) trees.tags.loadMoreInList(node)
    else if (node?.listId.startsWith("in-segment:")) trees.segments.loadMoreInList(node)
    else companies.loadMoreInList(node)
  })

  register(ReplicaCommands.deleteLocalData, async () => {
    if (!replica.hasLocalData()) {
      void vscode.window.showInformationMessage("Intercom: there is no local data to delete.")
      return
    }
    const answer = await vscode.window.showWarningMessage(
      "Delete the local copy of your Intercom workspace's companies, tags and segments? The next sync downloads them again.",
      { modal: true },
      "Delete Local Data"
    )
    if (answer !== "Delete Local Data") return
    await replica.deleteLocalData()
    void vscode.window.showInformationMessage("Intercom: local data deleted.")
  })
}
