import * as vscode from "vscode"
import { CONFIG_SECTION } from "../contributions"
import type { Log } from "../logging/Log"
import { type IntercomSettings, parseSettings } from "./parseSettings"

/**
 * The `intercom.*` settings, validated, with a change event. The settings are declared with
 * `"scope": "application"` in package.json: a workspace's .vscode/settings.json must not be able to
 * redirect the user's token to another server through `intercom.baseUrl`.
 */
export class Settings implements vscode.Disposable {
  private value: IntercomSettings
  private readonly changed = new vscode.EventEmitter<IntercomSettings>()
  /** Fires with the new values after any `intercom.*` setting changed. */
  readonly onDidChange = this.changed.event
  private readonly subscription: vscode.Disposable

  constructor(private readonly log: Log) {
    this.value = this.read()
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(CONFIG_SECTION)) return
      this.value = this.read()
      this.log.info("Settings changed:", this.value)
      this.changed.fire(this.value)
    })
  }

  get current(): IntercomSettings {
    return this.value
  }

  private read(): IntercomSettings {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION)
    const { settings, problems } = parseSettings({
      region: config.get<unknown>("region"),
      baseUrl: config.get<unknown>("baseUrl"),
      requestTimeoutSeconds: config.get<unknown>("requestTimeoutSeconds"),
      allowInsecureHttp: config.get<unknown>("allowInsecureHttp"),
      replicaAutoSync: config.get<unknown>("replica.autoSync"),
      replicaMaxAgeMinutes: config.get<unknown>("replica.maxAgeMinutes"),
      companiesGroupBy: config.get<unknown>("companies.groupBy"),
      companiesSort: config.get<unknown>("companies.sort"),
      savedQueries: config.get<unknown>("companies.queries")
    })
    for (const problem of problems) this.log.warn(problem)
    return settings
  }

  dispose(): void {
    this.subscription.dispose()
    this.changed.dispose()
  }
}
