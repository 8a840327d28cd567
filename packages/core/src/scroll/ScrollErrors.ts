import { IntercomError } from "@intercom-explorer/http"
import { Schema } from "effect"

/** Another scroll of the same app is running in this process and the caller chose not to wait. */
export class ScrollBusy extends Schema.TaggedError<ScrollBusy>()("ScrollBusy", {}) {
  override get message() {
    return "another company scroll of this app is already running in this process (Intercom allows one at a time)"
  }
}

/** The scroll kept failing after its bounded restarts and waits; `lastError` says why. */
export class ScrollAborted extends Schema.TaggedError<ScrollAborted>()("ScrollAborted", {
  restarts: Schema.Number,
  lastError: IntercomError
}) {
  override get message() {
    return `the company scroll was abandoned after ${this.restarts} restarts: ${this.lastError.message}`
  }
}
