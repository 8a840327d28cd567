import { Companies, IntercomClient, type IntercomClientServices } from "@intercom-explorer/core"
import { type Region, regionBaseUrl } from "@intercom-explorer/http"
import { Cause, Duration, Effect, Exit, ManagedRuntime } from "effect"
import * as vscode from "vscode"
import type { TokenStore } from "../auth/TokenStore"
import { ContextKeys } from "../contributions"
import type { Log } from "../logging/Log"
import type { Settings } from "../settings/Settings"
import { describeError, isUnauthorized } from "./describeError"

/** A connected client: one ManagedRuntime of `IntercomClient.layer` for one token and server. */
export interface ClientHandle {
  readonly runtime: ManagedRuntime.ManagedRuntime<IntercomClientServices, never>
  readonly baseUrl: string
  /** `user`: the token from SecretStorage; `demo`: a local simulator, never stored. */
  readonly kind: "user" | "demo"
  /** The region whose web app hosts the workspace (`us` for a custom server or the demo). */
  readonly region: Region
}

/** `signedOut`: no token; `rejected`: Intercom answered 401 to the stored token. */
export type SessionStatus = "signedOut" | "rejected" | "signedIn" | "demo"

interface Connection {
  readonly token: string
  readonly baseUrl: string
  readonly kind: "user" | "demo"
  readonly region: Region
}

/**
 * The client session: token + settings -> a ManagedRuntime of IntercomClient.layer, rebuilt on
 * sign-in, sign-out, a settings change or a token changed in another window, and disposed (which
 * interrupts everything running on it) when replaced. A 401 from any call reported here flips the
 * session to signed out, so the views fall back to their welcome content instead of erroring on
 * every refresh. Transitions are serialized: the state always ends at the last request.
 */
export class ClientSession implements vscode.Disposable {
  private handle: ClientHandle | undefined
  private connection: Connection | undefined
  private sessionStatus: SessionStatus = "signedOut"
  /** A server given with `useToken`, for this session only (tests, a one-off simulator). */
  private baseUrlOverride: string | undefined
  private learnedAppId: string | undefined
  private queue: Promise<void> = Promise.resolve()
  private readonly changed = new vscode.EventEmitter<ClientHandle | undefined>()
  /** Fires after the client was replaced (signed in, out, demo, settings), with the new one. */
  readonly onDidChange = this.changed.event
  private readonly subscriptions: Array<vscode.Disposable> = []

  constructor(
    private readonly tokens: TokenStore,
    private readonly settings: Settings,
    private readonly log: Log
  ) {
    this.subscriptions.push(
      tokens.onDidChange(() => void this.enqueue(() => this.syncStoredToken())),
      settings.onDidChange(() => void this.enqueue(() => this.rebuildForSettings()))
    )
  }

  /** The connected client, or undefined while signed out. */
  current(): ClientHandle | undefined {
    return this.handle
  }

  get status(): SessionStatus {
    return this.sessionStatus
  }

  /** Signed in with a token or using the demo: the views can load. */
  get signedIn(): boolean {
    return this.handle !== undefined
  }

  /** The workspace's app id (for web-app links), learned from the companies the client has seen. */
  get appId(): string | undefined {
    return this.learnedAppId
  }

  noteAppId(appId: string | undefined): void {
    if (appId !== undefined && appId !== "") this.learnedAppId = appId
  }

  /** Activation: connects with the stored token, if any, and checks it silently in the background. */
  start(): Promise<void> {
    return this.enqueue(() => this.syncStoredToken(true))
  }

  /**
   * Signs in with this token (stored in SecretStorage as the user's token). `baseUrl`, when given,
   * overrides the settings' server for this session only, e.g. a local simulator in tests.
   */
  useToken(token: string, baseUrl?: string): Promise<void> {
    return this.enqueue(async () => {
      this.baseUrlOverride = baseUrl
      this.log.addSecret(token)
      await this.tokens.store(token)
      this.connect(this.userConnection(token))
      this.checkSilently()
    })
  }

  /**
   * Points the extension at a local simulator. The demo token is kept in memory only, never in
   * SecretStorage: the user's own token, if any, stays stored and comes back on sign-out.
   */
  connectDemo(url: string, token: string): Promise<void> {
    return this.enqueue(async () => {
      this.log.addSecret(token)
      this.connect({ token, baseUrl: url.replace(/\/+$/, ""), kind: "demo", region: "us" })
    })
  }

  /** Sign Out: forgets the stored token and ends the demo. */
  signOut(): Promise<void> {
    return this.enqueue(async () => {
      this.baseUrlOverride = undefined
      this.connect(undefined)
      await this.tokens.delete()
    })
  }

  /** Leaves the demo and returns to the stored token, if there is one. */
  endDemo(): Promise<void> {
    return this.enqueue(async () => {
      if (this.connection?.kind !== "demo") return
      this.connect(undefined)
      await this.syncStoredToken(true)
    })
  }

  /**
   * Runs an effect on the current client. A failure rejects with the typed error (IntercomError,
   * ...); a 401 also signs the session out. Throws when signed out.
   */
  async run<A, E>(effect: Effect.Effect<A, E, IntercomClientServices>): Promise<A> {
    const handle = this.requireHandle()
    const exit = await handle.runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    const error = Cause.squash(exit.cause)
    this.reportFailure(error, handle)
    throw error
  }

  /**
   * Every caller of the client reports failures here: a 401 from the client that is still current
   * signs the session out (a late 401 from a replaced client changes nothing).
   */
  reportFailure(error: unknown, handle: ClientHandle | undefined = this.handle): void {
    if (!isUnauthorized(error) || handle === undefined || handle !== this.handle) return
    void this.enqueue(async () => {
      if (handle !== this.handle) return
      this.log.warn(`${describeError(error)} (${handle.kind === "demo" ? "demo workspace" : handle.baseUrl})`)
      this.connect(undefined, "rejected")
    })
  }

  private requireHandle(): ClientHandle {
    if (this.handle === undefined) throw new Error("Not signed in to Intercom.")
    return this.handle
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.log.error("Client session change failed:", error)
    })
    return this.queue
  }

  private userConnection(token: string): Connection {
    const { region, baseUrl } = this.settings.current
    return { token, baseUrl: this.baseUrlOverride ?? baseUrl ?? regionBaseUrl[region], kind: "user", region }
  }

  /** The stored token changed (or activation): follow it, unless the demo is in use. */
  private async syncStoredToken(check = false): Promise<void> {
    if (this.connection?.kind === "demo") return
    const token = await this.tokens.read()
    if (token === undefined) {
      if (this.connection !== undefined || this.sessionStatus === "rejected") this.connect(undefined)
      else await this.publishContext()
      return
    }
    if (this.connection?.token === token) return
    this.connect(this.userConnection(token))
    if (check) this.checkSilently()
  }

  private async rebuildForSettings(): Promise<void> {
    if (this.connection?.kind !== "user") return
    const next = this.userConnection(this.connection.token)
    if (next.baseUrl === this.connection.baseUrl && next.region === this.connection.region && !this.timeoutChanged) return
    this.connect(next)
  }

  private builtTimeout = 0
  private get timeoutChanged(): boolean {
    return this.settings.current.requestTimeoutSeconds !== this.builtTimeout
  }

  /** Replaces the client: the old runtime is disposed, which interrupts its fibers. */
  private connect(connection: Connection | undefined, whenOut: SessionStatus = "signedOut"): void {
    const old = this.handle
    this.connection = connection
    if (connection === undefined) {
      this.handle = undefined
      this.sessionStatus = whenOut
    } else {
      this.builtTimeout = this.settings.current.requestTimeoutSeconds
      const runtime = ManagedRuntime.make(
        IntercomClient.layer({
          token: connection.token,
          baseUrl: connection.baseUrl,
          timeout: Duration.seconds(this.builtTimeout)
        })
      )
      this.handle = { runtime, baseUrl: connection.baseUrl, kind: connection.kind, region: connection.region }
      this.sessionStatus = connection.kind === "demo" ? "demo" : "signedIn"
    }
    if (old !== undefined) void old.runtime.dispose()
    if (old?.baseUrl !== this.handle?.baseUrl) this.learnedAppId = undefined
    this.log.info(
      this.handle === undefined
        ? this.sessionStatus === "rejected" ? "Signed out: the access token was rejected." : "Signed out."
        : this.handle.kind === "demo" ? `Using the demo workspace at ${this.handle.baseUrl}.` : `Signed in. Server ${this.handle.baseUrl}.`
    )
    void this.publishContext()
    this.changed.fire(this.handle)
  }

  private async publishContext(): Promise<void> {
    await Promise.all([
      vscode.commands.executeCommand("setContext", ContextKeys.signedIn, this.handle !== undefined),
      vscode.commands.executeCommand("setContext", ContextKeys.demo, this.handle?.kind === "demo"),
      vscode.commands.executeCommand("setContext", ContextKeys.authRejected, this.sessionStatus === "rejected")
    ])
  }

  /** A cheap GET (one company) that validates the token and learns the app id; never prompts. */
  private checkSilently(): void {
    const handle = this.handle
    if (handle === undefined) return
    handle.runtime.runPromiseExit(Companies.use((c) => c.listPage(1, 1))).then((exit) => {
      if (Exit.isSuccess(exit)) {
        this.noteAppId(exit.value.companies[0]?.app_id)
        this.log.debug("Access token checked.")
      } else if (!Cause.hasInterruptsOnly(exit.cause)) {
        const error = Cause.squash(exit.cause)
        this.log.warn(`Sign-in check: ${describeError(error)}`)
        this.reportFailure(error, handle)
      }
    }, (error: unknown) => this.log.error("Sign-in check failed:", error))
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
    const old = this.handle
    this.handle = undefined
    this.connection = undefined
    if (old !== undefined) void old.runtime.dispose()
    this.changed.dispose()
  }
}
