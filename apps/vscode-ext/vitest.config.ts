import { defineConfig } from "vitest/config"
import { sharedTestConfig } from "../../vitest.shared.ts"

// Unit tests of the pure modules (no `vscode` import): test/unit/*.test.ts. Everything that needs
// VS Code runs in the extension host (src/test/suite, Mocha) or the workbench (test-harness/ui).
export default defineConfig(sharedTestConfig(import.meta.dirname))
