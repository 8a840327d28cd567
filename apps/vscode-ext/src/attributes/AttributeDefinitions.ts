import {
  CreateDataAttributeRequest,
  type DataAttribute,
  type DataAttributeDataType,
  DataAttributes,
  definedCompanyAttributes,
  validateRequest
} from "@intercom-explorer/core"
import * as Result from "effect/Result"
import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"

/**
 * The workspace's company custom attributes as Intercom defines them (GET /data_attributes), which
 * every editor of a custom attribute checks against: Intercom keeps a value only for a defined
 * attribute of the right type. Read once per connection and kept until the connection changes or
 * `refresh()`; attributes created here are added as Intercom answered them.
 */
export class AttributeDefinitions {
  private loaded: Map<string, DataAttribute> | undefined
  private loading: Promise<ReadonlyMap<string, DataAttribute>> | undefined
  /** Created since the list was asked for: a list read before the create may not have them. */
  private created = new Map<string, DataAttribute>()
  /** Bumped on every connection change, so that an answer for the previous one is not kept. */
  private generation = 0
  private readonly changed = new vscode.EventEmitter<void>()
  /** Fires when the definitions may have changed: another connection, a refresh, a create. */
  readonly onDidChange: vscode.Event<void> = this.changed.event

  constructor(private readonly session: ClientSession) {
    session.onDidChange(() => this.forget())
  }

  /** The defined company custom attributes by name (one request per connection, then cached). */
  definitions(): Promise<ReadonlyMap<string, DataAttribute>> {
    if (this.loaded !== undefined) return Promise.resolve(this.loaded)
    this.loading ??= this.load()
    return this.loading
  }

  /** Reads the definitions again (someone may have defined or archived one in Intercom). */
  refresh(): Promise<ReadonlyMap<string, DataAttribute>> {
    this.forget()
    return this.definitions()
  }

  /**
   * POST /data_attributes for a company attribute, sent once (core's create-once: a repeat after a
   * lost answer would meet "You already have ..."). Rejects with the models' message for a name
   * Intercom would refuse, before any request.
   */
  async create(name: string, dataType: DataAttributeDataType): Promise<DataAttribute> {
    const request = validateRequest(CreateDataAttributeRequest)({ name, model: "company", data_type: dataType })
    if (Result.isFailure(request)) throw new Error(request.failure.message)
    const generation = this.generation
    // Through the session's runner: the replica's write-through stores the definition too.
    const attribute = await this.session.run(DataAttributes.use((a) => a.create(request.success)))
    if (generation === this.generation) {
      this.created.set(attribute.name, attribute)
      this.loaded?.set(attribute.name, attribute)
      this.changed.fire()
    }
    return attribute
  }

  private async load(): Promise<ReadonlyMap<string, DataAttribute>> {
    const generation = this.generation
    try {
      const list = await this.session.run(DataAttributes.use((a) => a.list({ model: "company" })))
      const map = new Map(definedCompanyAttributes(list))
      if (generation !== this.generation) return map
      for (const [name, attribute] of this.created) map.set(name, attribute)
      this.loaded = map
      return map
    } finally {
      // A failed read is not kept: the next call asks again.
      if (generation === this.generation) this.loading = undefined
    }
  }

  private forget(): void {
    this.generation++
    this.loaded = undefined
    this.loading = undefined
    this.created = new Map()
    this.changed.fire()
  }
}

const instances = new WeakMap<ClientSession, AttributeDefinitions>()

/** The one AttributeDefinitions of a session (the document, the edit command and plans share it). */
export const attributeDefinitionsOf = (session: ClientSession): AttributeDefinitions => {
  let defs = instances.get(session)
  if (defs === undefined) {
    defs = new AttributeDefinitions(session)
    instances.set(session, defs)
  }
  return defs
}
