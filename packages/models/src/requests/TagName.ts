import { Schema } from "effect"

/**
 * A tag name. Tags are found by name (POST /tags creates or reuses one), so
 * " VIP" and "VIP" would be two different tags: reject surrounding spaces
 * instead of trimming silently, and reject empty names.
 */
export const TagName = Schema.String.annotate({ message: "tag name must be text" }).check(
  Schema.makeFilter((name: string) =>
    name.trim().length === 0
      ? "tag name must not be empty"
      : name.trim() !== name
      ? "tag name must not start or end with spaces"
      : undefined
  )
)
