import type { IntercomError } from "@intercom-explorer/http"
import { Schedule } from "effect"

/**
 * How long to wait out a `scroll_exists` held by someone else (another window, another
 * integration, or our own abandoned scroll after a 500): every 5 s, for up to 75 s, which
 * outlasts Intercom's 60 s idle expiry of the other scroll.
 */
export const scrollExistsRetry: Schedule.Schedule<unknown, IntercomError> = Schedule.spaced("5 seconds").pipe(
  Schedule.jittered,
  Schedule.setInputType<IntercomError>(),
  Schedule.while(({ input }) => input.reason._tag === "ScrollExists"),
  Schedule.upTo({ duration: "75 seconds" })
)

/** Passes started again before the scroll gives up with `ScrollAborted`. */
export const defaultMaxRestarts = 5

/** Pages fetched ahead of a slow consumer, so the scroll_param is used well before it idles out. */
export const defaultPrefetchPages = 4

/** Failures in a row on one scroll_param before the pass is abandoned for a fresh one. */
export const maxFailuresPerPage = 3

/** What a failed scroll page means for the pass it belongs to. */
export type PageFailure =
  /** The server's scroll is gone (expired, or a 500 that cannot resume): start a new pass. */
  | "restart"
  /** The page was lost on the way (cut body, dropped connection, timeout): the server cursor moved
   * but the scroll lives on, so keep draining it and recover the lost page in another pass. */
  | "lost-page"
  /** Someone holds the app's scroll: wait, then try to open ours again. */
  | "busy"
  /** Not a scroll problem (bad token, forbidden...): fail the stream. */
  | "fatal"

export const classifyPageFailure = (error: IntercomError): PageFailure => {
  switch (error.reason._tag) {
    case "ScrollExpired":
    case "ServerError":
      return "restart"
    case "Transport":
    case "Timeout":
      return "lost-page"
    case "InvalidResponse":
      return error.reason.malformed ? "lost-page" : "fatal"
    case "ScrollExists":
      return "busy"
    default:
      return "fatal"
  }
}
