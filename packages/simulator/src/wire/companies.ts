import type { Company, CompanyPlan, DeletedCompanyObject } from "@intercom-explorer/models"
import type { CompanyRecord, Plan, SegmentRecord, TagRecord } from "../state/Records.js"
import { segmentWire } from "./segments.js"
import type { Parsed, Sent } from "./Sent.js"
import { tagBasicWire } from "./tags.js"

// Wire shapes of Intercom 2.11, key order and all, taken from the recorded examples in the spec
// (which are real responses: note the `this_is_an_id…` app ids). Where the spec's schema and its
// examples disagree, the examples win, since they show what the servers send. Each object is typed
// from models' schema of it (see Sent.ts).

/** `{}` without a plan, as every recorded example sends it. */
const planWire = (plan: Plan | undefined): typeof CompanyPlan.Encoded =>
  plan === undefined ? {} : { type: "plan", id: plan.id, name: plan.name }

export const companyWire = (
  company: CompanyRecord,
  appId: string,
  userCount: number,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>
) =>
  ({
    type: "company",
    company_id: company.companyId,
    id: company.id,
    app_id: appId,
    name: company.name,
    remote_created_at: company.remoteCreatedAt,
    created_at: company.createdAt,
    updated_at: company.updatedAt,
    last_request_at: company.lastRequestAt,
    monthly_spend: company.monthlySpend,
    session_count: company.sessionCount,
    user_count: userCount,
    size: company.size,
    website: company.website,
    industry: company.industry,
    tags: { type: "tag.list", tags: tags.map(tagBasicWire) },
    segments: { type: "segment.list", segments: segments.map((s) => segmentWire(s)) },
    plan: planWire(company.plan),
    custom_attributes: company.customAttributes
  }) satisfies Sent<typeof Company.Encoded>

/** A company as the simulator serialises it: models' `Company` with what the simulator always sends. */
type CompanyWire = ReturnType<typeof companyWire>

/** A company as a client reads it back (what `sim.state.companies` returns). */
export type ParsedCompany = Parsed<CompanyWire>

export const deletedCompanyWire = (id: string) =>
  ({ id, object: "company", deleted: true }) satisfies Sent<typeof DeletedCompanyObject.Encoded>
