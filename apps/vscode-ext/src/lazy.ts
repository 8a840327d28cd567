// Modules loaded on first use instead of at activation.
//
// esbuild puts every module into dist/extension.js, but a module reached only through `require()`
// is wrapped so that its code, and the code of what it imports, runs the first time it is
// required; a module reached through `import` runs when the bundle is loaded. Most of the bundle's
// start-up cost is effect and the client packages (core, http, models) defining their schemas and
// services, so activation imports nothing that imports them: each feature reaches its Effect code
// through a `lazy` accessor, called when a view loads, a command runs or a client connects.
// test/unit/bundle.test.ts checks on the production bundle that loading it runs none of that code.
//
//   const loads = lazy("tree/loads", () => require("./loads") as typeof import("./loads"))
//   ... loads().companyPages(3) ...
//
// (Code under vitest has no `require`: unit tests import such modules directly.)

const loaded: Array<string> = []

/** An accessor that requires the module on its first call and returns it on every call. */
export const lazy = <M>(name: string, load: () => M): (() => M) => {
  let module: M | undefined
  return () => {
    if (module === undefined) {
      module = load()
      loaded.push(name)
    }
    return module
  }
}

/** The names of the lazy modules loaded so far, in order (the integration tests read it). */
export const lazyModulesLoaded = (): ReadonlyArray<string> => [...loaded]
