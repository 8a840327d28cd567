import { lazy } from "../lazy"

/** The trees' loads (./loads.ts: effect and core), loaded with the first load, not at activation. */
export const loads = lazy("tree/loads", () => require("./loads") as typeof import("./loads"))
