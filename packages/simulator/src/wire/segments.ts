import type { ContactSegments, Segment, SegmentList } from "@intercom-explorer/models"
import type { SegmentRecord } from "../state/Records.js"
import type { Sent } from "./Sent.js"

/** `count` is sent only when the client asked for it (`include_count=true`). */
export const segmentWire = (segment: SegmentRecord, count?: number) =>
  ({
    type: "segment",
    id: segment.id,
    name: segment.name,
    created_at: segment.createdAt,
    updated_at: segment.updatedAt,
    person_type: segment.personType,
    count
  }) satisfies Sent<typeof Segment.Encoded>

type SegmentWire = ReturnType<typeof segmentWire>

/** GET /segments keeps its legacy envelope: `segment.list` + `segments`, not `list` + `data`. */
export const segmentListWire = (segments: ReadonlyArray<SegmentWire>) =>
  ({ type: "segment.list", segments, pages: undefined }) satisfies Sent<typeof SegmentList.Encoded>

/**
 * A contact's or a company's segments. Models has a schema of each (`ContactSegments`,
 * `CompanyAttachedSegments`, whose `total_count` is never sent); the shape is the same.
 */
export const segmentDataWire = (segments: ReadonlyArray<SegmentWire>) =>
  ({ type: "list", data: segments }) satisfies Sent<typeof ContactSegments.Encoded>
