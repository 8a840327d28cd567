import { oneLine } from "./OneLine.js"

/** One stderr line per company that did not decode (a sync stores it as sent, an export leaves it out). */
export const oddCompanyLine = (odd: { readonly id: string | undefined; readonly problem: string }, fate: string): string =>
  `odd company ${odd.id ?? "(without an id)"}: ${oneLine(odd.problem)} (${fate})`
