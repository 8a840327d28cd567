import { Companies, Contacts, type DataAttribute, DataAttributes, type IntercomClientServices, Tags } from "@intercom-explorer/core"
import { Cause, Context, Effect, Layer } from "effect"
import type { CompanyRef } from "./LiveEdits.js"
import { Replica } from "./Replica.js"

/**
 * Core's client with write-through: the same services, built once, except that `Companies`,
 * `Tags` and `Contacts` update the replica from the API's answer after each successful write, so
 * a query sees the edit at once without a sync.
 *
 * - `Companies.update`, `.upsert`: the company as answered; `.delete`: the company leaves.
 * - `Tags.tagCompanies`, `.untagCompanies`: the answer is the tag, so the companies the replica
 *   holds get or lose it in place (no extra request); a company it does not hold is read with one
 *   GET and stored. `Tags.create`, `.rename`, `.delete`: the tag list and the companies' tags.
 * - `Contacts.attachCompany`, `.detachCompany`: the company as answered (its `user_count`); the
 *   replica stores no contacts.
 * - `DataAttributes.create`, `.update` of a company attribute: the definition as answered, so a
 *   plan built right after creating an attribute sees it.
 * - Segment membership is Intercom's to compute: a company's segments are what the answer lists;
 *   segment counts (`count`) change only with `replaceTagsAndSegments` or a sync.
 *
 * The API's write stands even when the replica's update fails (SQLite): the caller gets the
 * answer, never an error to retry; the failure is logged as a warning and the replica is marked
 * stale (`replica.staleness()` says why) until the next sync.
 */
export const withWriteThrough = <E, R>(
  client: Layer.Layer<IntercomClientServices, E, R>
): Layer.Layer<IntercomClientServices, E, R | Replica> =>
  Layer.effectContext(Effect.gen(function*() {
    const services = yield* Layer.build(client)
    const replica = yield* Replica
    const companies = Context.get(services, Companies)
    const tags = Context.get(services, Tags)
    const contacts = Context.get(services, Contacts)
    const attributes = Context.get(services, DataAttributes)

    /** Runs the replica's side of a successful write; a failure marks the replica stale instead of failing the write. */
    const afterWrite = (what: string, update: Effect.Effect<unknown, unknown>): Effect.Effect<void> =>
      update.pipe(
        Effect.asVoid,
        Effect.catchCause((cause) => {
          if (Cause.hasInterruptsOnly(cause)) return Effect.failCause(cause as Cause.Cause<never>)
          const error = Cause.squash(cause)
          const reason = `the replica missed ${what}: ${error instanceof Error ? error.message : String(error)}`
          return Effect.logWarning(`${reason}; it is stale until the next sync`).pipe(Effect.andThen(replica.markStale(reason)))
        })
      )

    const store = (what: string) => <A>(answer: A) => Effect.as(afterWrite(what, replica.applyCompany(answer)), answer)

    /** A company the replica does not hold, read from the API (one GET) and stored. */
    const readAndStore = (ref: CompanyRef) =>
      Effect.flatMap(
        typeof ref === "string" ? companies.retrieve(ref) : "id" in ref ? companies.retrieve(ref.id) : companies.retrieveByCompanyId(ref.company_id),
        replica.applyCompany
      )

    const tagging = (tagged: boolean) => (name: string, refs: ReadonlyArray<CompanyRef>) =>
      Effect.tap(
        tagged ? tags.tagCompanies(name, refs) : tags.untagCompanies(name, refs),
        (tag) =>
          afterWrite(
            `${tagged ? "tagging" : "untagging"} ${refs.length} compan${refs.length === 1 ? "y" : "ies"} with "${tag.name}"`,
            Effect.flatMap(replica.applyTagging(tag, refs, tagged), (missing) => Effect.forEach(missing, readAndStore, { discard: true }))
          )
      )

    // The replica holds the company model's definitions only.
    const storeDefinition = (what: string) => <A extends DataAttribute>(attribute: A) =>
      attribute.model === "company" ? Effect.as(afterWrite(what, replica.applyDataAttribute(attribute)), attribute) : Effect.succeed(attribute)

    return services.pipe(
      Context.add(Companies, Companies.of({
        ...companies,
        upsert: (input) => Effect.flatMap(companies.upsert(input), store("an upsert")),
        update: (id, changes) => Effect.flatMap(companies.update(id, changes), store(`an update of company ${id}`)),
        delete: (id) =>
          Effect.tap(companies.delete(id), (answer) => afterWrite(`the delete of company ${id}`, replica.removeCompany(answer.id)))
      })),
      Context.add(Tags, Tags.of({
        ...tags,
        create: (name) => Effect.tap(tags.create(name), (tag) => afterWrite(`the new tag "${name}"`, replica.applyTag(tag))),
        rename: (id, name) => Effect.tap(tags.rename(id, name), (tag) => afterWrite(`the rename of tag ${id}`, replica.applyTag(tag))),
        delete: (id) => Effect.tap(tags.delete(id), () => afterWrite(`the delete of tag ${id}`, replica.removeTag(id))),
        tagCompanies: tagging(true),
        untagCompanies: tagging(false)
      })),
      Context.add(Contacts, Contacts.of({
        ...contacts,
        attachCompany: (contactId, companyId) =>
          Effect.flatMap(contacts.attachCompany(contactId, companyId), store(`attaching a contact to company ${companyId}`)),
        detachCompany: (contactId, companyId) =>
          Effect.flatMap(contacts.detachCompany(contactId, companyId), store(`detaching a contact from company ${companyId}`))
      })),
      Context.add(DataAttributes, DataAttributes.of({
        ...attributes,
        create: (request) => Effect.flatMap(attributes.create(request), storeDefinition(`the new data attribute "${request.name}"`)),
        update: (id, changes) => Effect.flatMap(attributes.update(id, changes), storeDefinition(`the change of data attribute ${id}`))
      }))
    )
  }))
