// The device's time zone from the Alexa Settings API, so "at night" (skill/core/night.ts) can go
// by the clock on the person's nightstand. GET {apiEndpoint}/v2/devices/{deviceId}/settings/
// System.timeZone with the request's apiAccessToken answers a JSON string such as
// "Europe/Amsterdam"; it needs no permission. The core asks for it at most once a month per
// person (it remembers the answer), and a slow or failing API only means "not known".
import type { RequestEnvelope } from "ask-sdk-model";
import { localHour } from "../core/night.js";

/** Well inside Alexa's 8 s; the answer goes out without the zone rather than late. */
export const TIME_ZONE_TIMEOUT_MS = 800;

/** A lookup for this request's device, or undefined when the envelope lacks what the API needs. */
export function timeZoneLookup(envelope: RequestEnvelope, timeoutMs = TIME_ZONE_TIMEOUT_MS): (() => Promise<string | undefined>) | undefined {
  const system = envelope.context?.System;
  const endpoint = system?.apiEndpoint;
  const token = system?.apiAccessToken;
  const deviceId = system?.device?.deviceId;
  if (!endpoint || !token || !deviceId) return undefined;
  const url = `${endpoint.replace(/\/+$/, "")}/v2/devices/${encodeURIComponent(deviceId)}/settings/System.timeZone`;
  return async () => {
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return undefined;
      const zone: unknown = await response.json();
      // Only a zone the runtime knows is any use for telling the hour.
      return typeof zone === "string" && zone.length <= 64 && localHour(new Date(), zone) !== undefined ? zone : undefined;
    } catch {
      return undefined;
    }
  };
}
