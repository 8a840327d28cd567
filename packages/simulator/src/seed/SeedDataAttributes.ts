import type { DataAttributeModel, DataAttributeRecord, DataAttributeType } from "../state/Records.js"
import type { Workspace } from "../state/Workspace.js"
import { DAY } from "./Slugs.js"
import * as V from "./Vocabulary.js"

// The data attributes the seeded workspace defines: Intercom's standard company attributes, as
// the 2.11 example of GET /data_attributes?model=company lists them, and a custom attribute for
// every custom attribute key the seeded companies and contacts carry, typed by their values.

type Standard = readonly [name: string, fullName: string, label: string, description: string, DataAttributeType, apiWritable: boolean]

const STANDARD_COMPANY: ReadonlyArray<Standard> = [
  ["name", "name", "Company name", "The name of a company", "string", true],
  ["company_id", "company_id", "Company ID", "A number identifying a company", "string", false],
  ["last_request_at", "last_request_at", "Company last seen", "The last day anyone from a company visited your site or app", "date", false],
  ["remote_created_at", "remote_created_at", "Company created at", "The day a company was added to Intercom", "date", true],
  ["user_count", "user_count", "People", "The number of people in a company", "integer", false],
  ["session_count", "session_count", "Company web sessions", "All visits from anyone in a company to your product's site or app", "integer", false],
  ["name", "plan.name", "Plan", "A specific plan or level within your product that companies have signed up to", "string", false],
  ["monthly_spend", "monthly_spend", "Monthly Spend", "The monthly revenue you receive from a company", "float", true],
  ["size", "size", "Company size", "The number of people employed in this company, expressed as a single number", "integer", true],
  ["industry", "industry", "Company industry", "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'", "string", true],
  ["website", "website", "Company website", "The web address for the company's primary marketing site", "string", true],
  ["id", "id", "ID", "The Intercom defined id representing the company", "string", false],
  ["created_at", "created_at", "Created at", "The time the company was added to Intercom", "date", false],
  ["updated_at", "updated_at", "Updated at", "The last time the company was updated", "date", false],
  ["id", "plan.id", "Plan ID", "The Intercom defined id representing the plan", "string", false],
  ["app_id", "app_id", "App ID", "The Intercom defined id representing the app", "string", false]
]

type Custom = readonly [DataAttributeModel, name: string, description: string, DataAttributeType, options?: ReadonlyArray<string>]

// renewal_date is text: the seeds write "2026-03-14", and an Intercom date attribute holds unix
// seconds, so typing it `date` would make every seeded value the wrong type.
const CUSTOM: ReadonlyArray<Custom> = [
  ["company", "account_manager", "The teammate who looks after the account", "string"],
  ["company", "health_score", "Account health from 1 (at risk) to 100", "integer"],
  ["company", "is_partner", "Whether the company is a reseller or partner", "boolean"],
  ["company", "signup_channel", "How the company found us", "string", V.signupChannels],
  ["company", "renewal_date", "The next renewal day, as YYYY-MM-DD", "string"],
  ["company", "seats", "Licensed seats", "integer"],
  ["contact", "job_title", "The person's role", "string"]
]

const standard = ([name, fullName, label, description, dataType, apiWritable]: Standard): DataAttributeRecord => ({
  id: undefined,
  model: "company",
  name,
  fullName,
  label,
  description,
  dataType,
  options: undefined,
  apiWritable,
  messengerWritable: true,
  custom: false,
  archived: false,
  adminId: undefined,
  createdAt: undefined,
  updatedAt: undefined
})

export const seedDataAttributes = (ws: Workspace, ref: number): void => {
  for (const s of STANDARD_COMPANY) ws.dataAttributes.add(standard(s))
  const admin = ws.defaultAdmin.id
  CUSTOM.forEach(([model, name, description, dataType, options], i) => {
    const createdAt = ref - (500 - i * 10) * DAY
    ws.dataAttributes.add({
      id: Number(ws.ids.sequence("data_attribute")),
      model,
      name,
      fullName: `custom_attributes.${name}`,
      label: name,
      description,
      dataType,
      options,
      apiWritable: true,
      messengerWritable: false,
      custom: true,
      archived: false,
      adminId: admin,
      createdAt,
      updatedAt: createdAt
    })
  })
}
