import type { AdminRecord, AppRecord } from "../state/Records.js"

// GET /me. Models has no schema of the admin or the app (the explorer only checks the token with
// it), so this one is typed by the recorded example alone.

export const meWire = (admin: AdminRecord, app: AppRecord): object => ({
  type: "admin",
  id: admin.id,
  email: admin.email,
  name: admin.name,
  email_verified: true,
  app: {
    type: "app",
    id_code: app.idCode,
    name: app.name,
    created_at: app.createdAt,
    secure: false,
    identity_verification: false,
    timezone: app.timezone,
    region: app.region
  },
  avatar: { type: "avatar", image_url: null },
  has_inbox_seat: true
})
