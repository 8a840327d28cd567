// Stable, path-qualified tree ids. One company appears under Companies, under each of its tags and
// under each of its segments, so its id carries the path: two rows never share an id (VS Code
// refuses duplicates) and each keeps its own expansion and selection across refreshes.

export const companyNodeId = (parentId: string | undefined, companyId: string): string =>
  parentId === undefined ? `company/${companyId}` : `${parentId}/company/${companyId}`

export const segmentNodeId = (segmentId: string): string => `segment/${segmentId}`

export const tagNodeId = (tagId: string): string => `tag/${tagId}`

/** A tag or segment shown under a company row. */
export const companyTagNodeId = (companyNodeId: string, tagId: string): string => `${companyNodeId}/tag/${tagId}`
export const companySegmentNodeId = (companyNodeId: string, segmentId: string): string =>
  `${companyNodeId}/segment/${segmentId}`

/** Status and action rows: one per list (`companies` for the Companies root, else the group id). */
export const statusNodeId = (listId: string, kind: string): string => `${listId}/~${kind}`
