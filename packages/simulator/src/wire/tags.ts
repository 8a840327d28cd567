import type { Tag, TagBasic, TagList } from "@intercom-explorer/models"
import type { TagRecord } from "../state/Records.js"
import type { Tagging } from "../state/TagStore.js"
import type { Sent } from "./Sent.js"

/** A tag as listed in a company, and as POST /tags and GET /tags answer. */
export const tagBasicWire = (tag: TagRecord) =>
  ({ type: "tag", id: tag.id, name: tag.name }) satisfies Sent<typeof TagBasic.Encoded>

/** A tag as contact tagging calls return it, with who applied it and when. */
export const appliedTagWire = (tag: TagRecord, tagging: Tagging) =>
  ({
    type: "tag",
    id: tag.id,
    name: tag.name,
    applied_at: tagging.appliedAt,
    applied_by: { type: "admin", id: tagging.appliedBy }
  }) satisfies Sent<typeof Tag.Encoded>

/** GET /tags (basic tags) and GET /contacts/{id}/tags (applied tags). */
export const tagListWire = (tags: ReadonlyArray<ReturnType<typeof tagBasicWire | typeof appliedTagWire>>) =>
  ({ type: "list", data: tags }) satisfies Sent<typeof TagList.Encoded>
