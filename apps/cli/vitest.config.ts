import { defineConfig } from "vitest/config"
import { sharedTestConfig } from "../../vitest.shared.ts"

const shared = sharedTestConfig(import.meta.dirname)

export default defineConfig({
  ...shared,
  // The end-to-end tests run the built command line (dist/main.js) as a child process.
  test: { ...shared.test, globalSetup: ["test/support/buildCli.ts"] }
})
