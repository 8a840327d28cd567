// The Companies view as the demo and find tests see it: the company rows its provider returns.
import * as assert from "node:assert/strict"
import type { TestApi } from "../../extension"
import { waitFor } from "./helpers"

/** Asks the Companies view for its rows (as the workbench would) and returns the company ids once loaded. */
export const loadedCompanyIds = async (api: TestApi): Promise<Array<string>> => {
  const tree = api.trees.companies
  const ids = () => tree.getChildren().flatMap((node) => (node.kind === "company" ? [node.companyId] : []))
  await waitFor("the Companies view to load", () => ids().length > 0 && tree.model.busy === undefined, 15_000)
  const loaded = ids()
  assert.ok(loaded.length > 0, "the Companies view shows no companies")
  return loaded
}
