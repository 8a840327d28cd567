import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { Effect, Layer, Terminal } from "effect"

/*
 * Node's Terminal with its output on stderr instead of stdout, for prompts: stdout belongs to what a
 * command produces (an export to `--out -` stays exactly the export, even after a prompt).
 */

const display = (text: string) =>
  Effect.callback<void>((resume) => {
    process.stderr.write(text, () => resume(Effect.void))
  })

export const make = Effect.map(NodeTerminal.make(), (terminal) =>
  Terminal.make({
    ...terminal,
    columns: Effect.sync(() => process.stderr.columns ?? 0),
    rows: Effect.sync(() => process.stderr.rows ?? 0),
    display
  }))

/** Keyboard input from stdin, prompts drawn on stderr. Esc, Ctrl-C and Ctrl-D quit a prompt. */
export const layer: Layer.Layer<Terminal.Terminal> = Layer.effect(Terminal.Terminal, make)
