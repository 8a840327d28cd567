import { Companies, type ExportFormat, type ScrollProgress } from "@intercom-explorer/core"
import * as Effect from "effect/Effect"
import * as path from "node:path"
import * as vscode from "vscode"
import type { Outcome } from "../client/clientRuntime"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import { exportFileType, type ExportSummary, writeCompaniesFile } from "./writeCompaniesFile"

/** The part of the client session an export needs: whether there is a client, and its runner. */
export type ExportSession = Pick<ClientSession, "current" | "settle">

/** How an export ended; returned by the command, so tests and callers can tell without reading UI. */
export type ExportOutcome =
  | { readonly status: "done"; readonly file: string; readonly companies: number; readonly bytes: number }
  | { readonly status: "cancelled"; readonly file: string }
  | { readonly status: "failed"; readonly file: string; readonly message: string }
  | { readonly status: "dismissed" }

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ExportFormat
}

const formatItems: ReadonlyArray<FormatItem> = [
  { label: "NDJSON", description: ".ndjson", detail: "One JSON object per line, every field as Intercom sends it.", format: "ndjson" },
  {
    label: "CSV",
    description: ".csv",
    detail: "A header and one row per company (RFC 4180), for spreadsheets; custom attributes as JSON.",
    format: "csv"
  }
]

const defaultTarget = (format: ExportFormat): vscode.Uri | undefined => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri
  const name = `intercom-companies-${new Date().toISOString().slice(0, 10)}.${exportFileType(format).extension}`
  return folder ? vscode.Uri.joinPath(folder, name) : undefined
}

const progressMessage = (p: ScrollProgress): string => {
  // Intercom allows one scroll per app: a cancelled export's scroll stays open on the server until
  // it idles out (about a minute), and a new one waits for that instead of failing.
  if (p.phase === "waiting") return "waiting for an earlier scroll of this app to end…"
  const restarted = p.restarts > 0 ? ` (restarted ${p.restarts}×)` : ""
  return `${p.companies.toLocaleString("en-US")} companies${restarted}`
}

/**
 * "Intercom: Export All Companies...": a format, a file, then every company through core's scroll
 * stream (each company exactly once, restarts handled there) into the file, under a cancellable
 * progress notification. Cancel interrupts the fiber: the scroll stream's finalizer releases the
 * app's scroll lock and the writer removes its temporary file, so nothing half-written remains.
 */
export const exportAllCompanies = async (session: ExportSession, log: Log): Promise<ExportOutcome> => {
  const client = session.current()
  if (client === undefined) {
    void vscode.window.showWarningMessage("Sign in to Intercom or open the demo workspace before exporting companies.")
    return { status: "dismissed" }
  }
  const picked = await vscode.window.showQuickPick(formatItems, {
    title: "Export All Companies",
    placeHolder: "Export format"
  })
  if (picked === undefined) return { status: "dismissed" }
  const type = exportFileType(picked.format)
  const defaultUri = defaultTarget(picked.format)
  const uri = await vscode.window.showSaveDialog({
    title: "Export All Companies",
    saveLabel: "Export",
    ...(defaultUri ? { defaultUri } : {}),
    filters: { [type.label]: [type.extension] }
  })
  if (uri === undefined) return { status: "dismissed" }
  if (uri.scheme !== "file") {
    // The writer uses Node's fs in the extension host (streaming, atomic rename); other schemes would
    // need vscode.workspace.fs, which cannot append.
    void vscode.window.showErrorMessage(`Intercom: exports can only be written to a local file (not ${uri.scheme}:).`)
    return { status: "dismissed" }
  }
  const file = uri.fsPath
  log.info(`Export of all companies as ${picked.format} to ${file} started.`)

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting companies to ${path.basename(file)}`, cancellable: true },
    (progress, token) => {
      const abort = new AbortController()
      const cancelled = token.onCancellationRequested(() => abort.abort())
      const program = Effect.gen(function*() {
        const companies = yield* Companies
        const stream = companies.scroll({ onProgress: (p) => progress.report({ message: progressMessage(p) }) })
        return yield* writeCompaniesFile(stream, picked.format, file)
      })
      // The signal interrupts the run; the outcome comes after its finalizers have run, so by the
      // time it is reported the lock is free and the temporary file gone. Through the session's
      // runner, on the client the export started with: a 401 signs the session out.
      return session.settle(program, { signal: abort.signal, client }).finally(() => cancelled.dispose())
    }
  )
  return report(outcome, file, log)
}

const report = (outcome: Outcome<ExportSummary>, file: string, log: Log): ExportOutcome => {
  if (outcome._tag === "ok") {
    const { companies, bytes } = outcome.value
    log.info(`Export finished: ${companies} companies, ${bytes} bytes in ${file}.`)
    void vscode.window.showInformationMessage(`Exported ${companies.toLocaleString("en-US")} companies to ${path.basename(file)}.`, "Open")
      .then((choice) => choice === "Open" ? vscode.window.showTextDocument(vscode.Uri.file(file)) : undefined)
    return { status: "done", file, companies, bytes }
  }
  if (outcome._tag === "interrupted") {
    log.info(`Export to ${file} cancelled; nothing was written.`)
    void vscode.window.showInformationMessage("Export cancelled. Nothing was written.")
    return { status: "cancelled", file }
  }
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error)
  log.error(`Export to ${file} failed:`, outcome.pretty())
  void vscode.window.showErrorMessage(`Intercom: the export failed: ${message}. Nothing was written.`)
  return { status: "failed", file, message }
}
