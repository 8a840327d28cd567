// The engine (engine.ts: everything that runs on effect and the client packages) is loaded on
// first use instead of at activation.
//
// The shipped build makes engine.ts a bundle of its own, dist/engine.js, next to dist/extension.js,
// and keeps this `require` as a run-time require of it (esbuild.options.mjs): activation parses and
// runs only dist/extension.js, which imports nothing that imports effect: of core only its
// effect-free light entry, `@intercom-explorer/core/connection` (types aside). Features reach their
// Effect code through `engine()`, called when the first effect runs on a client (a view loads, a
// command runs, the token check). test/unit/bundle.test.ts checks the split on the production build. (In the
// integration-test bundle, the engine is bundled in; code under vitest has no `require`, so unit
// tests import the engine's modules directly.)

type Engine = typeof import("./engine")

let loaded: Engine | undefined

export const engine = (): Engine => (loaded ??= require("./engine") as Engine)

/** Whether the engine has been loaded (the integration tests check that activation does not). */
export const engineLoaded = (): boolean => loaded !== undefined
