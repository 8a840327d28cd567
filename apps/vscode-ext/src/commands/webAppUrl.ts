// Pure: links into Intercom's web app, on the host of the workspace's region.
import type { Region } from "@intercom-explorer/core/connection"

const hosts: Record<Region, string> = {
  us: "https://app.intercom.com",
  eu: "https://app.eu.intercom.com",
  au: "https://app.au.intercom.com"
}

const app = (region: Region, appId: string): string => `${hosts[region]}/a/apps/${encodeURIComponent(appId)}`

export const companyWebUrl = (region: Region, appId: string, companyId: string): string =>
  `${app(region, appId)}/companies/${encodeURIComponent(companyId)}`

export const segmentWebUrl = (region: Region, appId: string, segmentId: string): string =>
  `${app(region, appId)}/users/segments/${encodeURIComponent(segmentId)}`
