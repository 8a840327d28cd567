// What a handler returns: a status and an already-serialized body. Handlers serialize (often by
// joining cached JSON), the server only frames; this keeps fault injection (truncation, drops) in
// one place, applied to the exact bytes a client would have received.

export interface Reply {
  readonly status: number
  /** JSON text; "" for an empty body (DELETE /tags/{id} answers 200 with no content). */
  readonly body: string
  /** Company custom attribute keys the write sent but Intercom would drop (not defined), for the request log. */
  readonly droppedCustomAttributes?: ReadonlyArray<string>
}

export const json = (value: unknown, status = 200): Reply => ({ status, body: JSON.stringify(value) })

export const rawJson = (body: string, status = 200): Reply => ({ status, body })

export const empty = (status = 200): Reply => ({ status, body: "" })
