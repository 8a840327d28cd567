import { defineConfig } from "vitest/config"
import { sharedTestConfig } from "../../vitest.shared.ts"

const shared = sharedTestConfig(import.meta.dirname)

export default defineConfig({
  ...shared,
  // The end-to-end tests run the built command line (dist/main.js) as a child process.
  // Each of them spawns Node processes; a loaded machine makes that slow, never wrong.
  test: { ...shared.test, globalSetup: ["test/support/buildCli.ts"], testTimeout: 120_000, hookTimeout: 60_000 }
})
