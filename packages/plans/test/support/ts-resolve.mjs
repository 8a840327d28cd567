// Module resolve hook: lets plain Node (with its built-in type stripping) run the workspace's
// TypeScript sources, whose imports name the emitted `.js` files. Used by the crash tests to run
// test/support/apply-child.ts without a build.
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
