/** Intercom hosts a workspace in one of three regions, each with its own API server. */
export type Region = "us" | "eu" | "au"

export const regions: ReadonlyArray<Region> = ["us", "eu", "au"]

export const regionBaseUrl: Record<Region, string> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io"
}

// `includes`, not `in`: "constructor" is in every object.
export const isRegion = (value: unknown): value is Region =>
  typeof value === "string" && (regions as ReadonlyArray<string>).includes(value)
