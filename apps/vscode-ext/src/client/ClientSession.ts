import type { IntercomClientServices } from "@intercom-explorer/core"
import { describeError, reasonOf, type Region, regionBaseUrl } from "@intercom-explorer/core/connection"
import type * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import { createHash } from "node:crypto"
import * as vscode from "vscode"
import type { TokenStore } from "../auth/TokenStore"
import { ContextKeys } from "../contributions"
import { engine } from "../lazy"
import type { Log } from "../logging/Log"
import { serverRefusal } from "../settings/parseSettings"
import type { Settings } from "../settings/Settings"
import type { ClientRuntime, ClientRuntimeOptions, Outcome } from "./clientRuntime"
import { showServerRefusal } from "./showServerRefusal"

/** effect and the client packages (the engine), loaded when the first effect runs, not at activation. */
const clientRuntime = () => engine().clientRuntime

export type { Outcome }

/**
 * A connected client: one token and server. Its ManagedRuntime (of `IntercomClient.layer`) is the
 * session's own, built on the first run and reached only through the session's runner (`fork`,
 * `settle`, `run`), so that every failure, whichever feature ran the request, passes one place.
 */
export interface ClientHandle {
  readonly baseUrl: string
  /** `user`: the token from SecretStorage; `demo`: a local simulator, never stored. */
  readonly kind: "user" | "demo"
  /** The region whose web app hosts the workspace (`us` for a custom server or the demo). */
  readonly region: Region
  /**
   * Every company of the workspace, with users or not, where that is known without a request: the
   * demo's simulator runs in this process. Undefined for Intercom, whose list counts only companies
   * with users.
   */
  readonly companyCount: (() => number) | undefined
}

/**
 * `signedOut`: no token; `rejected`: Intercom answered 401 to the stored token; `refused`: there is
 * a token, but the configured server is plain http:// to another machine (`serverRefusal`), so the
 * client is not built and nothing is sent.
 */
export type SessionStatus = "signedOut" | "rejected" | "refused" | "signedIn" | "demo"

/** An effect forked by the runner; `interrupt` ends it (its outcome is then `interrupted`). */
export interface Running {
  readonly interrupt: () => void
}

interface Connection {
  readonly token: string
  readonly baseUrl: string
  readonly kind: "user" | "demo"
  readonly region: Region
  /** `intercom.allowInsecureHttp` (user connections only): the HTTP layer's own check agrees. */
  readonly allowInsecureHttp: boolean
  readonly companyCount?: (() => number) | undefined
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
  /** The runtime behind `handle`, once something ran on it (see `runtimeOf`). */
  private runtime: ClientRuntime | undefined
  private runtimeOptions: ClientRuntimeOptions | undefined
  private connection: Connection | undefined
  private sessionStatus: SessionStatus = "signedOut"
  /** A server given with `useToken`, for this session only (tests, a one-off simulator). */
  private baseUrlOverride: string | undefined
  private learnedAppId: string | undefined
  /** Why the configured server is refused (status `refused`), for the Sign In command and the tests. */
  private refusal: string | undefined
  /** The server whose refusal was last shown, so that one refusal is shown once, not per event. */
  private refusalShownFor: string | undefined
  private queue: Promise<void> = Promise.resolve()
  /** A view has been visible (the token check may run), and a check waits for that. */
  private viewSeen = false
  private checkWaiting = false
  private readonly changed = new vscode.EventEmitter<ClientHandle | undefined>()
  /** Fires after the client was replaced (signed in, out, demo, settings), with the new one. */
  readonly onDidChange = this.changed.event
  private readonly runtimeBuilt = new vscode.EventEmitter<ClientHandle>()
  /** Fires when the current client's runtime was built: the first effect on it is about to run. */
  readonly onDidStartRunning = this.runtimeBuilt.event
  private readonly subscriptions: Array<vscode.Disposable> = []
  /** Wraps every effect run on the client: the replica's write-through, while one is open. */
  private wrap: (<A, E>(effect: Effect.Effect<A, E, IntercomClientServices>) => Effect.Effect<A, E, IntercomClientServices>) | undefined

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

  /**
   * From now on every effect run on the client goes through `wrap` (undefined: as it is): the open
   * replica's write-through, so that each successful write also updates the replica.
   */
  useWriteThrough(wrap: (<A, E>(effect: Effect.Effect<A, E, IntercomClientServices>) => Effect.Effect<A, E, IntercomClientServices>) | undefined): void {
    this.wrap = wrap
  }

  /**
   * A short, one-way fingerprint of the current connection (server and token), for remembering
   * per-connection facts (which replica file it had) without storing the token or a reversible
   * form of it. Undefined while signed out.
   */
  fingerprint(): string | undefined {
    const c = this.connection
    if (c === undefined || this.handle === undefined) return undefined
    return createHash("sha256").update(`${c.baseUrl}\u0000${c.token}`).digest("hex").slice(0, 16)
  }

  /**
   * The current client's connection (token included), for the replica's sync, which builds a
   * client of its own on a worker thread. Only ever passed to that thread, never logged.
   */
  workerConnection(): ClientRuntimeOptions | undefined {
    return this.handle === undefined ? undefined : this.runtimeOptions
  }

  /** The connected client, or undefined while signed out. */
  current(): ClientHandle | undefined {
    return this.handle
  }

  get status(): SessionStatus {
    return this.sessionStatus
  }

  /**
   * Why the server a sign-in would use is refused, before any request: a plain http:// URL to
   * another machine without `intercom.allowInsecureHttp`. Undefined when it is fine.
   */
  serverProblem(): string | undefined {
    const { baseUrl, allowInsecureHttp } = this.userServer()
    return serverRefusal(baseUrl, allowInsecureHttp)
  }

  /** The reason the session is `refused`, while it is. */
  get refusedBecause(): string | undefined {
    return this.sessionStatus === "refused" ? this.refusal : undefined
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

  /**
   * Activation: connects with the stored token, if any (no request: building the client is local),
   * and checks it silently once one of the views is visible (`viewsVisible`).
   */
  start(): Promise<void> {
    return this.enqueue(() => this.syncStoredToken(true))
  }

  /**
   * One of the extension's views is visible: the token check that waited for it runs now. Until
   * then the session sends nothing by itself, so a window where the extension was activated by a
   * command or the demo folder, but whose Intercom views stay closed, never talks to Intercom.
   */
  viewsVisible(): void {
    if (this.viewSeen) return
    this.viewSeen = true
    if (this.checkWaiting) {
      this.checkWaiting = false
      this.checkSilently()
    }
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
      this.connectUser(token, true)
    })
  }

  /**
   * Points the extension at a local simulator. The demo token is kept in memory only, never in
   * SecretStorage: the user's own token, if any, stays stored and comes back on sign-out.
   */
  connectDemo(url: string, token: string, companyCount?: () => number): Promise<void> {
    return this.enqueue(async () => {
      this.log.addSecret(token)
      this.connect({ token, baseUrl: url.replace(/\/+$/, ""), kind: "demo", region: "us", allowInsecureHttp: false, companyCount })
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

  // --- The runner ---------------------------------------------------------------------------------
  // Every effect the extension runs on the client goes through `fork` (directly, or through `settle`
  // and `run`): the runtime is never handed out, so every failure passes `observe`, and a 401 from
  // the current client signs the session out whichever feature sent the request (the trees, the
  // edits, Find Company, Export, the token check).

  /**
   * Forks an effect on a client (the current one unless given) and calls `onOutcome` once it ends.
   * A client that was replaced meanwhile has no runtime any more: the outcome is `interrupted`.
   * Throws when signed out.
   */
  fork<A, E>(
    effect: Effect.Effect<A, E, IntercomClientServices>,
    onOutcome: (outcome: Outcome<A>) => void,
    client: ClientHandle | undefined = this.handle
  ): Running {
    if (client === undefined) throw new Error("Not signed in to Intercom.")
    if (client !== this.handle) {
      onOutcome({ _tag: "interrupted", error: new Error("The Intercom client was replaced.") })
      return { interrupt: () => {} }
    }
    const fiber = this.runtimeOf().runFork(this.wrap === undefined ? effect : this.wrap(effect))
    fiber.addObserver((exit) => onOutcome(this.observe(client, exit)))
    return { interrupt: () => fiber.interruptUnsafe() }
  }

  /**
   * Runs an effect to its outcome; never rejects (signed out aside). An abort of `signal`
   * interrupts it, and the outcome comes once its finalizers have run.
   */
  settle<A, E>(
    effect: Effect.Effect<A, E, IntercomClientServices>,
    options: { readonly signal?: AbortSignal | undefined; readonly client?: ClientHandle | undefined } = {}
  ): Promise<Outcome<A>> {
    return new Promise((resolve) => {
      const running = this.fork(effect, resolve, options.client ?? this.handle)
      const { signal } = options
      if (signal === undefined) return
      if (signal.aborted) running.interrupt()
      else signal.addEventListener("abort", () => running.interrupt(), { once: true })
    })
  }

  /** Runs an effect on the current client: its value, or a rejection with the typed error (IntercomError, ...). */
  async run<A, E>(
    effect: Effect.Effect<A, E, IntercomClientServices>,
    options: { readonly signal?: AbortSignal | undefined } = {}
  ): Promise<A> {
    const outcome = await this.settle(effect, options)
    if (outcome._tag === "ok") return outcome.value
    throw outcome.error
  }

  /** How a run ended; a 401 from the client that is still current signs the session out. */
  private observe<A, E>(client: ClientHandle, exit: Exit.Exit<A, E>): Outcome<A> {
    const outcome = clientRuntime().outcomeOf(exit)
    if (outcome._tag === "failed") this.signOutOn401(outcome.error, client)
    return outcome
  }

  /**
   * The current client's runtime, built on first use: nothing is built or sent before a run, and a
   * signed-in activation loads no engine until something runs.
   */
  private runtimeOf(): ClientRuntime {
    if (this.runtime !== undefined) return this.runtime
    const runtime = (this.runtime = clientRuntime().makeClientRuntime(this.runtimeOptions!))
    this.runtimeBuilt.fire(this.handle!)
    return runtime
  }

  /** Whether the current client's runtime has been built (something ran on it). */
  get running(): boolean {
    return this.runtime !== undefined
  }

  /** A 401 from the client that is still current signs the session out (a late 401 from a replaced client changes nothing). */
  private signOutOn401(error: unknown, handle: ClientHandle): void {
    if (reasonOf(error) !== "Unauthorized" || handle !== this.handle) return
    void this.enqueue(async () => {
      if (handle !== this.handle) return
      this.log.warn(`${describeError(error, { whenUnauthorized: "sign in again" })} (${handle.kind === "demo" ? "demo workspace" : handle.baseUrl})`)
      this.connect(undefined, "rejected")
    })
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.log.error("Client session change failed:", error)
    })
    return this.queue
  }

  /** Where a user connection goes: this session's override, else the settings' server or region. */
  private userServer(): Pick<Connection, "baseUrl" | "region" | "allowInsecureHttp"> {
    const { region, baseUrl, allowInsecureHttp } = this.settings.current
    return { baseUrl: this.baseUrlOverride ?? baseUrl ?? regionBaseUrl[region], region, allowInsecureHttp }
  }

  private userConnection(token: string): Connection {
    return { token, kind: "user", ...this.userServer() }
  }

  /**
   * Connects with the user's token, unless the server is refused (plain http:// to another
   * machine): then no client is built, so no request can carry the token, and the views say why.
   */
  private connectUser(token: string, check: boolean): void {
    const connection = this.userConnection(token)
    const problem = serverRefusal(connection.baseUrl, connection.allowInsecureHttp)
    if (problem !== undefined) return this.refuse(connection.baseUrl, problem)
    this.connect(connection)
    if (check) this.checkSilently()
  }

  private refuse(baseUrl: string, problem: string): void {
    this.refusal = `${this.baseUrlOverride === undefined ? "intercom.baseUrl is not used" : "Not connecting"}: ${problem}.`
    this.connect(undefined, "refused")
    this.log.warn(this.refusal)
    if (this.refusalShownFor === baseUrl) return
    this.refusalShownFor = baseUrl
    showServerRefusal(this.refusal)
  }

  /** The stored token changed (or activation): follow it, unless the demo is in use. */
  private async syncStoredToken(check = false): Promise<void> {
    if (this.connection?.kind === "demo") return
    const token = await this.tokens.read()
    if (token === undefined) {
      if (this.connection !== undefined || this.sessionStatus === "rejected" || this.sessionStatus === "refused") this.connect(undefined)
      // Signed out from the start (activation without a token): the context keys are still unset,
      // which `when` clauses read as false, so there is nothing to publish (and no round trip).
      else if (this.contextPublished) await this.publishContext()
      return
    }
    if (this.connection?.token === token) return
    this.connectUser(token, check)
  }

  private async rebuildForSettings(): Promise<void> {
    // A refused server may have been fixed (https://, or the opt-in): try the stored token again.
    if (this.sessionStatus === "refused") return this.syncStoredToken(true)
    if (this.connection?.kind !== "user") return
    const next = this.userConnection(this.connection.token)
    if (
      next.baseUrl === this.connection.baseUrl && next.region === this.connection.region &&
      next.allowInsecureHttp === this.connection.allowInsecureHttp && !this.timeoutChanged
    ) return
    this.connectUser(next.token, false)
  }

  private builtTimeout = 0
  private get timeoutChanged(): boolean {
    return this.settings.current.requestTimeoutSeconds !== this.builtTimeout
  }

  /** Replaces the client: the old runtime is disposed, which interrupts its fibers. */
  private connect(connection: Connection | undefined, whenOut: SessionStatus = "signedOut"): void {
    const old = this.handle
    void this.runtime?.dispose()
    this.runtime = undefined
    this.runtimeOptions = undefined
    this.connection = connection
    if (connection === undefined) {
      this.handle = undefined
      this.sessionStatus = whenOut
      if (whenOut !== "refused") this.refusal = undefined
    } else {
      this.refusal = undefined
      this.refusalShownFor = undefined
      this.builtTimeout = this.settings.current.requestTimeoutSeconds
      this.runtimeOptions = {
        token: connection.token,
        baseUrl: connection.baseUrl,
        allowInsecureHttp: connection.allowInsecureHttp,
        timeoutSeconds: this.builtTimeout
      }
      this.handle = {
        baseUrl: connection.baseUrl,
        kind: connection.kind,
        region: connection.region,
        companyCount: connection.companyCount
      }
      this.sessionStatus = connection.kind === "demo" ? "demo" : "signedIn"
    }
    if (old?.baseUrl !== this.handle?.baseUrl) this.learnedAppId = undefined
    this.log.info(
      this.handle === undefined
        ? this.sessionStatus === "rejected"
          ? "Signed out: the access token was rejected."
          : this.sessionStatus === "refused" ? "Not connected: the server is refused (see above)." : "Signed out."
        : this.handle.kind === "demo" ? `Using the demo workspace at ${this.handle.baseUrl}.` : `Signed in. Server ${this.handle.baseUrl}.`
    )
    void this.publishContext()
    this.changed.fire(this.handle)
  }

  private contextPublished = false

  private async publishContext(): Promise<void> {
    this.contextPublished = true
    await Promise.all([
      vscode.commands.executeCommand("setContext", ContextKeys.signedIn, this.handle !== undefined),
      vscode.commands.executeCommand("setContext", ContextKeys.demo, this.handle?.kind === "demo"),
      vscode.commands.executeCommand("setContext", ContextKeys.authRejected, this.sessionStatus === "rejected"),
      vscode.commands.executeCommand("setContext", ContextKeys.serverRefused, this.sessionStatus === "refused")
    ])
  }

  /**
   * A cheap request (one company) that validates the token and learns the app id; never prompts.
   * Before any view was visible it only notes that a check is due (see `viewsVisible`).
   */
  private checkSilently(): void {
    const handle = this.handle
    if (handle === undefined) return
    if (!this.viewSeen) {
      this.checkWaiting = true
      return
    }
    this.fork(clientRuntime().tokenCheck, (outcome) => {
      if (outcome._tag === "ok") {
        this.noteAppId(outcome.value)
        this.log.debug("Access token checked.")
      } else if (outcome._tag === "failed") {
        // A 401 has signed the session out already (the runner).
        this.log.warn(`Sign-in check: ${describeError(outcome.error, { target: handle.baseUrl })}`)
      }
    }, handle)
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
    this.handle = undefined
    this.connection = undefined
    void this.runtime?.dispose()
    this.runtime = undefined
    this.changed.dispose()
    this.runtimeBuilt.dispose()
  }
}
