import { RateLimitState } from "@intercom-explorer/core"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as vscode from "vscode"
import type { ClientSession, Running } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import { type RateLimitBudget, rateLimitDisplay } from "./rateLimitDisplay"

/** The part of the client session the status bar follows: its changes, and its runner. */
export type RateLimitSession = Pick<ClientSession, "onDidChange" | "onDidStartRunning" | "running" | "fork">

/**
 * A status-bar item with the rate-limit budget of the current session, visible only while it runs
 * low ("$(watch) Intercom 23/166"), so that slow loads have a visible reason. It follows
 * RateLimitState.changes of the session's runtime, from the first run on each client (sign-in,
 * demo). A timer hides it at the window's reset, when no request may come to say so.
 */
export class RateLimitStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem
  private readonly subscriptions: ReadonlyArray<vscode.Disposable>
  private watcher: Running | undefined
  private budget: RateLimitBudget | undefined
  private resetTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly session: RateLimitSession,
    private readonly log: Log,
    showLogsCommand: string
  ) {
    this.item = vscode.window.createStatusBarItem("intercom.rateLimit", vscode.StatusBarAlignment.Right, 100)
    this.item.name = "Intercom Rate Limit"
    this.item.command = showLogsCommand
    // A new client has no budget yet; its runtime's rate-limit state is followed once it runs.
    this.subscriptions = [session.onDidChange(() => this.stop()), session.onDidStartRunning(() => this.follow())]
    if (session.running) this.follow()
  }

  /** What the item shows now; for the integration tests (StatusBarItem has no public read-back). */
  get state(): { readonly visible: boolean; readonly text: string; readonly tooltip: string } {
    const display = rateLimitDisplay(this.budget, Date.now())
    return display.visible ? { visible: true, text: display.text, tooltip: display.tooltip } : { visible: false, text: "", tooltip: "" }
  }

  private stop(): void {
    this.watcher?.interrupt()
    this.watcher = undefined
    this.update(undefined)
  }

  private follow(): void {
    this.stop()
    const update = (snapshot: RateLimitBudget) => this.update(snapshot)
    const watch = Effect.gen(function*() {
      const state = yield* RateLimitState
      yield* Stream.runForEach(state.changes, (snapshot) => Effect.sync(() => update(snapshot)))
    })
    this.watcher = this.session.fork(watch, (outcome) => {
      if (outcome._tag === "failed") this.log.warn("The rate-limit status stopped following the session:", outcome.pretty())
    })
  }

  private update(budget: RateLimitBudget | undefined): void {
    this.budget = budget
    clearTimeout(this.resetTimer)
    const display = rateLimitDisplay(budget, Date.now())
    if (!display.visible) {
      this.item.hide()
      return
    }
    this.item.text = display.text
    this.item.tooltip = display.tooltip
    this.item.backgroundColor = display.exhausted ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined
    this.item.show()
    // The reset time came from the server's clock; a little slack keeps a snapshot from flickering.
    this.resetTimer = setTimeout(() => this.update(this.budget), Math.max(0, budget!.resetAtMillis - Date.now()) + 250)
  }

  dispose(): void {
    clearTimeout(this.resetTimer)
    this.watcher?.interrupt()
    for (const s of this.subscriptions) s.dispose()
    this.item.dispose()
  }
}
