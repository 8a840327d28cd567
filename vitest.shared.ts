import path from "node:path"
import type { ViteUserConfig } from "vitest/config"

// Tests resolve workspace packages to their TypeScript sources (the "@intercom-explorer/source"
// export condition), so a package's tests never need its dependencies built first.
export const sharedTestConfig = (dir: string): ViteUserConfig => {
  const name = path.basename(dir)
  return {
    resolve: { conditions: ["@intercom-explorer/source", "module", "node", "import", "default"] },
    ssr: { resolve: { conditions: ["@intercom-explorer/source", "module", "node", "import", "default"] } },
    test: {
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      reporters: ["default", ["json", { outputFile: path.join(dir, ".reports", "vitest.json") }]],
      name
    }
  }
}
