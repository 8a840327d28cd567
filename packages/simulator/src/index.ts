// @intercom-explorer/simulator: a stateful, wire-compatible local Intercom (API 2.11) with
// scroll, rate-limit and fault semantics. See README.md for endpoints and the fault syntax.

export { startSimulator } from "./startSimulator.js"
export type { Simulator, SimulatorFaults } from "./startSimulator.js"
export { DEFAULTS } from "./Options.js"
export type { SimulatorOptions, ResolvedOptions } from "./Options.js"
export type { Clock } from "./Clock.js"
export { FAULT_KINDS } from "./Faults.js"
export type { FaultInfo, FaultKind, FaultMatch, FaultSpec, FiredFault } from "./Faults.js"
export { parseFault, parseFaults } from "./FaultSyntax.js"
export { parseDuration } from "./Duration.js"
export { SimulatorState } from "./SimulatorState.js"
export type { Named, WireCompany, WireSegment, WireTag } from "./SimulatorState.js"
export type { ScrollStats } from "./ScrollSessions.js"
export type { RateLimitStats } from "./RateLimiter.js"
export type { RequestLogEntry } from "./SimulatorCore.js"
export { LIST_CAP } from "./routes/companies.js"
