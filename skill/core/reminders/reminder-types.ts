// Reminders in the core's own terms. The core decides what to ask a reminders service for (a
// ReminderOperation in the plan) and, once the adapter has done it, what to say about the result
// (a ReminderOutcome). Only Alexa has such a service; the core never sees its request shapes.

/** RFC 5545 weekday codes, Monday first (the order reminders are described in). */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a reminder goes off: on these days (all seven = every day), at this local time. */
export interface ReminderSchedule {
  /** Sorted Monday first, no duplicates, at least one. */
  days: Weekday[];
  /** Local wall-clock time "HH:MM" (24 h) in the device's time zone. */
  time: string;
  /** Exercise id (as in scripts/), when the reminder names one. */
  exercise?: string;
}

/** A reminder Rustpunt made, as remembered in the user's state (never other skills' reminders). */
export interface StoredReminder extends ReminderSchedule {
  /** The service's id (Alexa: alertToken). */
  id: string;
}

/** What the adapter must do with the reminders service; the words come back from the core later. */
export type ReminderOperation =
  | { kind: "create"; schedule: ReminderSchedule; text: string; timeZone?: string }
  | { kind: "update"; id: string; schedule: ReminderSchedule; text: string; timeZone?: string }
  | { kind: "list"; ids: string[] }
  | { kind: "delete"; ids: string[] };

/** Why the service could not do it; each has its own kind answer. */
export type ReminderProblem =
  /** No consent, or consent revoked (no consent token, 401/403). */
  | "noPermission"
  /** The service's own limit on reminders. */
  | "tooMany"
  /** Throttled (429) even after one retry. */
  | "busy"
  /** Down, slow or unreachable (5xx, network, deadline), or no time zone to create it in. */
  | "unavailable"
  /** The device cannot do reminders. */
  | "unsupported"
  /** update: the reminder is no longer there (the user deleted it in the app). */
  | "notFound";

export type ReminderOutcome =
  | { ok: true; kind: "created"; id: string; timeZone?: string }
  | { ok: true; kind: "updated"; timeZone?: string }
  /** ids of ours that the service still has. */
  | { ok: true; kind: "listed"; present: string[] }
  | { ok: true; kind: "deleted" }
  | { ok: false; problem: ReminderProblem };

/** Answer from the voice-permission dialog (Alexa Connections.Response to AskFor). */
export type ConsentAnswer = "ACCEPTED" | "DENIED" | "NOT_ANSWERED";

/** The core's request for permission, carried in the plan for the adapter to render. */
export type PermissionRequest =
  /** Ask by voice (Alexa: Connections.SendRequest AskFor). */
  | "voice"
  /** Send the permissions card to the companion app (the documented fallback). */
  | "card";
