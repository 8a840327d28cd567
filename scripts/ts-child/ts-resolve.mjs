// Module resolve hook: lets plain Node (with its built-in type stripping) run the workspace's
// TypeScript sources, whose imports name the emitted `.js` files. Tests that run a package's sources
// in a child process (`node --import ../../scripts/ts-child/register-ts.mjs src/main.ts`: the
// simulator's CLI test, the replica's and the plans' crash tests) use it, so no build is needed.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    if (specifier.startsWith(".") && specifier.endsWith(".js")) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context)
    }
    throw error
  }
}
