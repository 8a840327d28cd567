import { Console, Effect } from "effect"
import { CliOutput } from "effect/cli"
import { oneLine } from "./OneLine.js"

/*
 * How parse errors look: `error: <what>` on stderr, one line each, with a pointer to the help of
 * the command in question, instead of the whole help page. Help and version are Effect's own.
 */

export const usagePresenter = (mask: (text: string) => string = (text) => text): CliOutput.Presenter => ({
  present: (event) => {
    if (event._tag !== "InvalidInvocation") return CliOutput.defaultPresenter.present(event)
    const help = `${event.commandPath.join(" ")} --help`
    return Effect.forEach(
      event.errors,
      (error) => Console.error(`error: ${mask(oneLine(error.message))} (see ${help})`),
      { discard: true }
    )
  }
})

/** The presenter as a layer; `mask` hides secrets in what is echoed back (e.g. a misplaced token). */
export const layer = (mask?: (text: string) => string) => CliOutput.layerPresenter(usagePresenter(mask))
