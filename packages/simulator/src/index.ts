// @intercom-explorer/simulator: a stateful, wire-compatible local Intercom (API 2.11) with
// scroll, rate-limit and fault semantics. See README.md for endpoints, the fault syntax and where
// things are in src/.

export { startSimulator } from "./startSimulator.js"
export { defineCompanyAttributes } from "./defineCompanyAttributes.js"
export type { Simulator, SimulatorFaults } from "./startSimulator.js"
export type { SimulatorView } from "./SimulatorView.js"
export { DEFAULTS } from "./SimulatorOptions.js"
export type { ResolvedOptions, SimulatorOptions } from "./SimulatorOptions.js"
export type { SimClock } from "./SimClock.js"
export { parseDuration } from "./DurationText.js"
export { parseFaults } from "./server/FaultSyntax.js"
export type { FaultInfo, FaultKind, FaultMatch, FaultSpec, FiredFault } from "./server/Faults.js"
export { type SpoilingRelay, startSpoilingRelay } from "./SpoilingRelay.js"
