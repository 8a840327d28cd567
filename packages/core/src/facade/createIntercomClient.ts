import {
  Closed,
  type HttpMethod,
  IntercomError,
  InvalidRequest,
  type IntercomErrorReason,
  type RateLimitSnapshot,
  RateLimitState,
  refusedBaseUrl
} from "@intercom-explorer/http"
import {
  CreateDataAttributeRequest,
  type CreateDataAttributeRequestInput,
  CreateNoteRequest,
  type CreateNoteRequestInput,
  CreateOrUpdateCompanyRequest,
  type CreateOrUpdateCompanyRequestInput,
  UpdateCompanyRequest,
  type UpdateCompanyRequestInput,
  UpdateDataAttributeRequest,
  type UpdateDataAttributeRequestInput,
  validateRequest
} from "@intercom-explorer/models"
import { Cause, type Context, Effect, Exit, ManagedRuntime, Option, Stream } from "effect"
import { describeError } from "../errors/describeError.js"
import { IntercomClient, type IntercomClientOptions, type IntercomClientServices } from "../IntercomClient.js"
import { PacingLane } from "../requests/PacingLane.js"
import { Companies, type CompaniesShape } from "../services/Companies.js"
import { Contacts, type ContactsShape } from "../services/Contacts.js"
import { DataAttributes, type DataAttributesShape } from "../services/DataAttributes.js"
import { Notes, type NotesShape } from "../services/Notes.js"
import { Segments, type SegmentsShape } from "../services/Segments.js"
import { SubscriptionTypes, type SubscriptionTypesShape } from "../services/SubscriptionTypes.js"
import { Tags, type TagsShape } from "../services/Tags.js"

/*
 * The Promise facade: the same services for callers who don't use Effect. Every Effect method
 * becomes an async method, every Stream an AsyncIterable (`for await`), and every failure an
 * `IntercomClientError`.
 */

/**
 * A request body as the facade takes it: plain, as the caller writes it. The facade validates it
 * once (models' `validateRequest`) and hands the services the validated body.
 */
export type Unvalidated<T> = T extends CreateOrUpdateCompanyRequest ? CreateOrUpdateCompanyRequestInput
  : T extends UpdateCompanyRequest ? UpdateCompanyRequestInput
  : T extends CreateNoteRequest ? CreateNoteRequestInput
  : T extends CreateDataAttributeRequest ? CreateDataAttributeRequestInput
  : T extends UpdateDataAttributeRequest ? UpdateDataAttributeRequestInput
  : T

type UnvalidatedArgs<P extends ReadonlyArray<unknown>> = { [I in keyof P]: Unvalidated<P[I]> }

/** A service's methods with Effects as Promises, Streams as AsyncIterables, and request bodies plain. */
export type Promised<S> = {
  readonly [K in keyof S]: S[K] extends (...args: infer P) => Stream.Stream<infer A, infer _E, infer _R>
    ? (...args: UnvalidatedArgs<P>) => AsyncIterable<A>
    : S[K] extends (...args: infer P) => Effect.Effect<infer A, infer _E, infer _R>
      ? (...args: UnvalidatedArgs<P>) => Promise<A>
    : never
}

export interface IntercomPromiseClientOptions extends IntercomClientOptions {
  /**
   * The pacing lane of every call of this client (default `"interactive"`): `"background"` for a
   * script that is itself a sync or a bulk apply. `client.interactive` and `client.background` reach
   * the other lane on the same client.
   */
  readonly lane?: PacingLane | undefined
}

/** The services, each method a Promise or an AsyncIterable. */
export interface IntercomPromiseServices {
  readonly companies: Promised<CompaniesShape>
  readonly contacts: Promised<ContactsShape>
  readonly tags: Promised<TagsShape>
  readonly segments: Promised<SegmentsShape>
  readonly notes: Promised<NotesShape>
  readonly subscriptionTypes: Promised<SubscriptionTypesShape>
  /**
   * The workspace's data attributes: `list({ model: "company" })`, `create({ name, model, data_type })`
   * (sent once, never repeated after Intercom may have acted) and `update(id, { archived: true })`.
   */
  readonly dataAttributes: Promised<DataAttributesShape>
}

/** The services on the client's lane (`lane`), the same on either lane by name, and the client's life cycle. */
export interface IntercomPromiseClient extends IntercomPromiseServices {
  /** The lane the services at the top level use: the `lane` option, `"interactive"` by default. */
  readonly lane: PacingLane
  /**
   * The same services with every request on the background lane (each page of an AsyncIterable
   * too): for a bulk loop or a sync beside interactive calls. One governor and one budget for both
   * lanes: background work uses the budget down to the reserve, spread over each window, and an
   * interactive call is admitted ahead of every queued background request.
   */
  readonly background: IntercomPromiseServices
  /** The same services on the interactive lane, for a lookup on a client created with `lane: "background"`. */
  readonly interactive: IntercomPromiseServices
  /** The rate-limit budget Intercom announced on its latest answer (undefined before the first). */
  readonly rateLimit: () => RateLimitSnapshot | undefined
  /**
   * Ends running iterations (their loops finish, the scroll lock is released), cancels calls in
   * flight on either lane (they reject with reason `Closed`) and frees the client. Later calls
   * reject the same way.
   */
  readonly close: () => Promise<void>
}

/**
 * Why a facade call failed: the Effect API's `IntercomError`, flattened for callers who don't use
 * Effect. Carries no token: not in `message`, `stack` or `toJSON()`.
 */
export class IntercomClientError extends Error {
  override readonly name = "IntercomClientError"
  /**
   * The `IntercomError`'s reason, one to one: `Unauthorized`, `Forbidden`, `NotFound`, `BadRequest`,
   * `RateLimited`, `ScrollExists`, `ScrollExpired`, `ServerError`, `Timeout`, `Transport`,
   * `InvalidResponse`, `InvalidRequest`, `InsecureBaseUrl` (thrown by `createIntercomClient` itself
   * for an `http://` base URL to another machine, without `allowInsecureHttp`), `ScrollBusy`,
   * `ScrollAborted`, or `Closed` after `close()`.
   */
  readonly reason: IntercomErrorReason["_tag"]
  /** The HTTP status, when Intercom answered (for a `ScrollAborted`, of the last failure). */
  readonly status: number | undefined
  /** Intercom's error code, e.g. `company_not_found` or `tag_has_dependent_objects`. */
  readonly code: string | undefined
  /** Intercom's request_id, for support tickets. */
  readonly requestId: string | undefined
  /** Whether trying again later can succeed (rate limit, timeout, server or network trouble). */
  readonly retryable: boolean
  readonly method: string | undefined
  readonly path: string | undefined
  /** The typed error from the Effect API (for a `ScrollAborted`, `reason.lastError` is the last Intercom error). */
  readonly intercomError: IntercomError | undefined

  /** From the Effect API's error, or from a reason raised before any request (`InsecureBaseUrl`, `Closed`). */
  constructor(error: IntercomError | IntercomErrorReason) {
    super(describeError(error), { cause: error })
    const intercomError = error._tag === "IntercomError" ? error : undefined
    const reason = intercomError === undefined ? error as IntercomErrorReason : intercomError.reason
    // A scroll that gave up: its last failure says what Intercom answered.
    const answered = reason._tag === "ScrollAborted" ? reason.lastError : intercomError
    this.reason = reason._tag
    this.status = answered?.status
    this.code = answered?.code
    this.requestId = answered?.requestId
    this.retryable = reason.isRetryable
    this.method = intercomError?.method
    this.path = intercomError?.path
    this.intercomError = intercomError
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      reason: this.reason,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryable: this.retryable,
      method: this.method,
      path: this.path
    }
  }
}

const toClientError = (error: IntercomError): IntercomClientError => new IntercomClientError(error)

type MethodKinds<S> = { readonly [K in keyof S]-?: "effect" | "stream" }

/** Which argument of a method is a request body, the schema that validates it, and the request it becomes. */
interface RequestArgument {
  readonly index: number
  readonly schema:
    | typeof CreateOrUpdateCompanyRequest
    | typeof UpdateCompanyRequest
    | typeof CreateNoteRequest
    | typeof CreateDataAttributeRequest
    | typeof UpdateDataAttributeRequest
  readonly method: HttpMethod
  readonly path: string
}
type RequestArguments<S> = { readonly [K in keyof S]?: RequestArgument }

/** The facade is where plain bodies from other people's code become requests: each is validated here, once. */
const companyBodies: RequestArguments<CompaniesShape> = {
  upsert: { index: 0, schema: CreateOrUpdateCompanyRequest, method: "POST", path: "/companies" },
  update: { index: 1, schema: UpdateCompanyRequest, method: "PUT", path: "/companies/{id}" }
}
const noteBodies: RequestArguments<NotesShape> = {
  create: { index: 1, schema: CreateNoteRequest, method: "POST", path: "/contacts/{id}/notes" }
}
const dataAttributeBodies: RequestArguments<DataAttributesShape> = {
  create: { index: 0, schema: CreateDataAttributeRequest, method: "POST", path: "/data_attributes" },
  update: { index: 1, schema: UpdateDataAttributeRequest, method: "PUT", path: "/data_attributes/{id}" }
}

/** The arguments with the request body validated, or the InvalidRequest reason in the models' words. */
const validatedArgs = (args: ReadonlyArray<unknown>, body: RequestArgument | undefined) => {
  if (body === undefined) return Effect.succeed(args)
  return Effect.fromResult(validateRequest(body.schema)(args[body.index])).pipe(
    Effect.mapError((error) =>
      new IntercomError({ reason: new InvalidRequest({ detail: error.message }), method: body.method, path: body.path })
    ),
    Effect.map((value) => args.map((arg, i) => (i === body.index ? value : arg)))
  )
}

const companyMethods: MethodKinds<CompaniesShape> = {
  upsert: "effect",
  retrieve: "effect",
  retrieveByCompanyId: "effect",
  retrieveByName: "effect",
  update: "effect",
  delete: "effect",
  list: "stream",
  listPage: "effect",
  byTag: "stream",
  bySegment: "stream",
  scroll: "stream",
  attachedContacts: "effect",
  attachedSegments: "effect"
}
const contactMethods: MethodKinds<ContactsShape> = {
  attachCompany: "effect",
  detachCompany: "effect",
  companies: "effect",
  segments: "effect",
  tags: "effect"
}
const tagMethods: MethodKinds<TagsShape> = {
  list: "effect",
  get: "effect",
  create: "effect",
  rename: "effect",
  tagCompanies: "effect",
  untagCompanies: "effect",
  delete: "effect"
}
const segmentMethods: MethodKinds<SegmentsShape> = { list: "effect", get: "effect" }
const noteMethods: MethodKinds<NotesShape> = { listForContact: "stream", create: "effect", get: "effect" }
const subscriptionTypeMethods: MethodKinds<SubscriptionTypesShape> = { list: "effect" }
const dataAttributeMethods: MethodKinds<DataAttributesShape> = { list: "effect", create: "effect", update: "effect" }

const doneResult: IteratorReturnResult<undefined> = { done: true, value: undefined }

/**
 * A Promise client over `IntercomClient.layer`:
 *
 * ```ts
 * const client = createIntercomClient({ token, region: "eu" })
 * for await (const company of client.companies.scroll()) console.log(company.name)
 * await client.close()
 * ```
 *
 * Calls are interactive unless `lane: "background"`; `client.background` runs a region of calls (a
 * bulk loop, a sync) on the background lane of the same governor, beside interactive ones.
 *
 * Throws an `IntercomClientError` with reason `InsecureBaseUrl`, before anything is sent, when
 * `baseUrl` is `http://` to another machine than this one (the token would cross the network in
 * clear text), unless `allowInsecureHttp: true`. A simulator on 127.0.0.1, localhost or [::1] needs
 * no opt-in. Throws a `TypeError` for a `lane` other than `"interactive"` or `"background"` (a
 * caller without types could otherwise mistype it and silently get the default).
 */
export const createIntercomClient = (options: IntercomPromiseClientOptions): IntercomPromiseClient => {
  const refusal = refusedBaseUrl(options)
  if (refusal !== undefined) throw new IntercomClientError(refusal)
  const lane = options.lane ?? "interactive"
  if (lane !== "interactive" && lane !== "background") {
    throw new TypeError(`lane must be "interactive" or "background", got ${JSON.stringify(lane)}`)
  }
  const runtime = ManagedRuntime.make(IntercomClient.layer(options))
  let closing: Promise<void> | undefined
  // What close() must stop: calls in flight and iterations not yet finished.
  const inFlight = new Set<AbortController>()
  const iterations = new Set<AsyncIterator<unknown>>()
  const closedError = () => new IntercomClientError(new Closed())

  const run = <A>(lane: PacingLane, effect: Effect.Effect<A, IntercomError, IntercomClientServices>): Promise<A> => {
    if (closing !== undefined) return Promise.reject(closedError())
    const abort = new AbortController()
    inFlight.add(abort)
    const onLane = Effect.provideService(effect, PacingLane, lane)
    const settled = runtime.runPromiseExit(onLane, { signal: abort.signal }).finally(() => inFlight.delete(abort))
    return settled.then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      const error = Cause.findErrorOption(exit.cause)
      if (Option.isSome(error)) throw toClientError(error.value)
      if (closing !== undefined && Cause.hasInterruptsOnly(exit.cause)) throw closedError()
      throw Cause.squash(exit.cause)
    })
  }

  /**
   * Runs the stream only when iterated; chunks are pulled whole and their items handed out
   * synchronously. Breaking out of the loop (or `close()`) closes the stream's scope, which
   * releases what it holds, e.g. the scroll lock. The lane is the stream's: every page it requests waits there.
   */
  const iterate = <A>(
    lane: PacingLane,
    stream: Stream.Stream<A, IntercomError, IntercomClientServices>
  ): AsyncIterable<A> => {
    const failingWithClientErrors = Stream.mapError(Stream.provideService(stream, PacingLane, lane), toClientError)
    return {
      [Symbol.asyncIterator](): AsyncIterator<A> {
        let inner: AsyncIterator<A> | undefined
        let finished = false
        // Forget the iteration once it ends by itself, so a long-lived client does not keep it.
        const settle = (result: IteratorResult<A>) => {
          if (result.done === true) iterations.delete(iterator)
          return result
        }
        const fail = (error: unknown): never => {
          iterations.delete(iterator)
          throw error
        }
        const start = (context: Context.Context<IntercomClientServices>) => {
          if (finished) return Promise.resolve(doneResult)
          inner = Stream.toAsyncIterableWith(failingWithClientErrors, context)[Symbol.asyncIterator]()
          return inner.next().then(settle, fail)
        }
        const iterator: AsyncIterator<A> = {
          next: () => {
            if (inner !== undefined) return inner.next().then(settle, fail)
            if (finished) return Promise.resolve(doneResult)
            if (closing !== undefined) return Promise.reject(closedError())
            iterations.add(iterator)
            return runtime.context().then(start)
          },
          return: () => {
            finished = true
            iterations.delete(iterator)
            return inner?.return !== undefined ? inner.return() : Promise.resolve(doneResult)
          }
        }
        return iterator
      }
    }
  }

  const bind = <I extends IntercomClientServices, S>(
    lane: PacingLane,
    service: Context.Service<I, S>,
    kinds: MethodKinds<S>,
    bodies: RequestArguments<S> = {}
  ): Promised<S> => {
    const facade: Record<string, unknown> = {}
    for (const [name, kind] of Object.entries(kinds) as Array<[string, "effect" | "stream"]>) {
      const call = (s: S, args: ReadonlyArray<unknown>) =>
        (s as Record<string, (...args: ReadonlyArray<unknown>) => unknown>)[name]!(...args)
      const body = bodies[name as keyof S]
      facade[name] = kind === "effect"
        ? (...args: ReadonlyArray<unknown>) =>
          run(lane, Effect.flatMap(validatedArgs(args, body), (valid) =>
            service.use((s) => call(s, valid) as Effect.Effect<unknown, IntercomError, IntercomClientServices>)))
        : (...args: ReadonlyArray<unknown>) =>
          iterate(lane, Stream.unwrap(service.useSync((s) => call(s, args) as Stream.Stream<unknown, IntercomError>)))
    }
    return facade as Promised<S>
  }

  // One set of services per lane over the one runtime: both lanes share the governor and its budget.
  const services = (lane: PacingLane): IntercomPromiseServices => ({
    companies: bind(lane, Companies, companyMethods, companyBodies),
    contacts: bind(lane, Contacts, contactMethods),
    tags: bind(lane, Tags, tagMethods),
    segments: bind(lane, Segments, segmentMethods),
    notes: bind(lane, Notes, noteMethods, noteBodies),
    subscriptionTypes: bind(lane, SubscriptionTypes, subscriptionTypeMethods),
    dataAttributes: bind(lane, DataAttributes, dataAttributeMethods, dataAttributeBodies)
  })
  const interactive = services("interactive")
  const background = services("background")

  return {
    ...(lane === "background" ? background : interactive),
    lane,
    interactive,
    background,
    rateLimit: () => {
      if (closing !== undefined) return undefined
      try {
        return runtime.runSync(RateLimitState.useSync((state) => state.current()))
      } catch {
        return undefined
      }
    },
    close: () => {
      closing ??= (async () => {
        for (const abort of inFlight) abort.abort()
        await Promise.allSettled(Array.from(iterations, (iterator) => iterator.return?.()))
        await runtime.dispose()
      })()
      return closing
    }
  }
}
