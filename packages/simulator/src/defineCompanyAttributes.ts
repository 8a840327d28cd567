import type { DataAttributeType } from "./state/Records.js"
import type { Simulator } from "./startSimulator.js"

// Intercom drops a company custom attribute write whose key is not defined, and so does the
// simulator. A test (or a demo script) that writes its own keys defines them first, the way a user
// would: POST /data_attributes over HTTP, through the same paths a client uses.

const headers = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
  "Content-Type": "application/json",
  "Intercom-Version": "2.11"
})

/**
 * Defines the company custom attributes `{ name: data_type }` that the simulator does not define
 * yet (already defined ones are left as they are, so calling it twice is harmless).
 */
export const defineCompanyAttributes = async (
  sim: Pick<Simulator, "url" | "token">,
  attributes: Readonly<Record<string, DataAttributeType>>
): Promise<void> => {
  if (Object.keys(attributes).length === 0) return
  const listed = await fetch(`${sim.url}/data_attributes?model=company`, { headers: headers(sim.token) })
  if (!listed.ok) throw new Error(`GET /data_attributes answered ${listed.status}: ${await listed.text()}`)
  const defined = new Set(
    ((await listed.json()) as { data: Array<{ name: string; custom: boolean }> }).data
      .filter((a) => a.custom)
      .map((a) => a.name)
  )
  for (const [name, dataType] of Object.entries(attributes)) {
    if (defined.has(name)) continue
    const created = await fetch(`${sim.url}/data_attributes`, {
      method: "POST",
      headers: headers(sim.token),
      body: JSON.stringify({ name, model: "company", data_type: dataType })
    })
    const text = await created.text()
    if (!created.ok) throw new Error(`defining the company attribute '${name}' answered ${created.status}: ${text}`)
  }
}
