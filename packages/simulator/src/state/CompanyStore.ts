import type { CompanyRecord, Plan } from "./Records.js"

// Companies keyed by Intercom id, in creation order (the order a scroll walks them), with the
// upsert key (`company_id`) indexed. Plans live here too: a request names a plan, a response
// carries `{type:"plan", id, name}`, so names map to stable ids.

export class CompanyStore {
  private readonly byId = new Map<string, CompanyRecord>()
  private readonly byCompanyId = new Map<string, CompanyRecord>()
  private readonly plansByName = new Map<string, Plan>()
  private nextPlanId: number

  constructor(firstPlanId: number) {
    this.nextPlanId = firstPlanId
  }

  get size(): number {
    return this.byId.size
  }

  get(id: string): CompanyRecord | undefined {
    return this.byId.get(id)
  }

  getByCompanyId(companyId: string): CompanyRecord | undefined {
    return this.byCompanyId.get(companyId)
  }

  /** The first company with exactly this name, else the first matching case-insensitively. */
  findByName(name: string): CompanyRecord | undefined {
    let loose: CompanyRecord | undefined
    const lower = name.toLowerCase()
    for (const company of this.byId.values()) {
      if (company.name === name) return company
      if (loose === undefined && company.name.toLowerCase() === lower) loose = company
    }
    return loose
  }

  values(): IterableIterator<CompanyRecord> {
    return this.byId.values()
  }

  ids(): Array<string> {
    return Array.from(this.byId.keys())
  }

  add(company: CompanyRecord): void {
    this.byId.set(company.id, company)
    this.byCompanyId.set(company.companyId, company)
  }

  remove(id: string): CompanyRecord | undefined {
    const company = this.byId.get(id)
    if (company === undefined) return undefined
    this.byId.delete(id)
    this.byCompanyId.delete(company.companyId)
    return company
  }

  /** The plan with this name, created on first use (names compare case-sensitively, as stored). */
  plan(name: string): Plan {
    const existing = this.plansByName.get(name)
    if (existing !== undefined) return existing
    const plan: Plan = { id: String(this.nextPlanId++), name }
    this.plansByName.set(name, plan)
    return plan
  }
}
