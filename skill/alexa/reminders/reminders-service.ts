// Runs the core's ReminderOperation against Alexa: the Reminders API through ask-sdk-core's
// ReminderManagementServiceClient and the device's time zone through the settings API
// (UpsServiceClient), both at the request's apiEndpoint with its apiAccessToken (the SDK's
// DefaultApiClient, set in skill-builder.ts). Every failure becomes a ReminderProblem the core
// can answer kindly; nothing here throws, so the rest of the skill keeps working when the
// service does not.
import type { HandlerInput } from "ask-sdk-core";
import type { Locale } from "../../core/conversation-types.js";
import type { ReminderOperation, ReminderOutcome, ReminderProblem } from "../../core/reminders/reminder-types.js";
import { parseTimeZone } from "../../core/reminders/reminder-state.js";
import { reminderRequest } from "./reminder-request.js";

export const REMINDERS_SCOPE = "alexa::alerts:reminders:skill:readwrite";

export interface ReminderServiceOptions {
  /** Wait before the one retry after a 429. */
  backoffMs: number;
  /** Longest wait for any one HTTP call. */
  callTimeoutMs: number;
  /** Budget for the whole operation, well inside Alexa's 8 s. */
  budgetMs: number;
  log: (line: string) => void;
  now: () => Date;
}

export const DEFAULT_SERVICE_OPTIONS: Omit<ReminderServiceOptions, "log" | "now"> = { backoffMs: 500, callTimeoutMs: 2500, budgetMs: 5000 };

/** Has the person granted the reminders scope? (consent token, or the newer per-scope status). */
export function remindersGranted(input: HandlerInput): boolean {
  const user = input.requestEnvelope.context?.System?.user;
  const scope = user?.permissions?.scopes?.[REMINDERS_SCOPE]?.status;
  if (scope !== undefined) return scope === "GRANTED";
  return Boolean(user?.permissions?.consentToken);
}

class Deadline extends Error {
  override readonly name = "Deadline";
}

interface ServiceErrorLike {
  name?: string;
  statusCode?: number;
  response?: { code?: string; message?: string };
}

/** Status code and documented error code of an SDK ServiceError; nothing for network errors. */
function describe(error: unknown): { status?: number; code?: string } {
  const e = error as ServiceErrorLike;
  if (e?.name !== "ServiceError" || typeof e.statusCode !== "number") return {};
  return { status: e.statusCode, ...(typeof e.response?.code === "string" ? { code: e.response.code } : {}) };
}

export function problemOf(error: unknown): ReminderProblem {
  const { status, code } = describe(error);
  if (code === "MAX_REMINDERS_EXCEEDED") return "tooMany";
  if (code === "DEVICE_NOT_SUPPORTED") return "unsupported";
  if (status === 401 || status === 403) return "noPermission";
  if (status === 404) return "notFound";
  if (status === 429) return "busy";
  return "unavailable";
}

export class AlexaReminderService {
  private readonly started: number;

  constructor(
    private readonly input: HandlerInput,
    private readonly options: ReminderServiceOptions,
  ) {
    this.started = Date.now();
  }

  async run(op: ReminderOperation, locale: Locale): Promise<ReminderOutcome> {
    const factory = this.input.serviceClientFactory;
    if (!factory || !this.input.requestEnvelope.context?.System?.apiAccessToken) {
      this.options.log("alexa reminders: the request carries no API access (apiEndpoint/apiAccessToken)");
      return { ok: false, problem: "unavailable" };
    }
    const client = factory.getReminderManagementServiceClient();
    try {
      switch (op.kind) {
        case "create": {
          const timeZone = await this.timeZone(op.timeZone);
          if (!timeZone) return { ok: false, problem: "unavailable" };
          const body = reminderRequest(op.schedule, op.text, locale, timeZone, this.options.now());
          const created = await this.call("create", () => client.createReminder(body));
          if (typeof created?.alertToken !== "string" || created.alertToken === "") {
            this.options.log("alexa reminders: create answered without an alertToken");
            return { ok: false, problem: "unavailable" };
          }
          return { ok: true, kind: "created", id: created.alertToken, timeZone };
        }
        case "update": {
          const timeZone = await this.timeZone(op.timeZone);
          if (!timeZone) return { ok: false, problem: "unavailable" };
          const body = reminderRequest(op.schedule, op.text, locale, timeZone, this.options.now());
          await this.call("update", () => client.updateReminder(op.id, body));
          return { ok: true, kind: "updated", timeZone };
        }
        case "list": {
          const all = await this.call("list", () => client.getReminders());
          const theirs = new Set((all?.alerts ?? []).filter((a) => a.status !== "COMPLETED").map((a) => a.alertToken));
          return { ok: true, kind: "listed", present: op.ids.filter((id) => theirs.has(id)) };
        }
        case "delete": {
          for (const id of op.ids) {
            try {
              await this.call("delete", () => client.deleteReminder(id));
            } catch (error) {
              // Already gone (deleted in the app): that is what was asked.
              if (problemOf(error) !== "notFound") throw error;
            }
          }
          return { ok: true, kind: "deleted" };
        }
      }
    } catch (error) {
      const problem = error instanceof Deadline ? "unavailable" : problemOf(error);
      const { status, code } = describe(error);
      this.options.log(`alexa reminders: ${op.kind} failed (${status ?? (error instanceof Error ? error.name : "error")}${code ? ` ${code}` : ""}) → ${problem}`);
      return { ok: false, problem };
    }
  }

  /**
   * The device's zone from the settings API; if that fails, the zone remembered from an earlier
   * answer. Without either the reminder is not made: a guessed zone would ring at the wrong hour.
   */
  private async timeZone(remembered: string | undefined): Promise<string | undefined> {
    const deviceId = this.input.requestEnvelope.context?.System?.device?.deviceId;
    const factory = this.input.serviceClientFactory;
    if (deviceId && factory) {
      try {
        const zone = parseTimeZone(await this.call("time zone", () => factory.getUpsServiceClient().getSystemTimeZone(deviceId)));
        if (zone && validZone(zone)) return zone;
      } catch (error) {
        if (error instanceof Deadline) return remembered;
        const { status } = describe(error);
        this.options.log(`alexa reminders: time zone lookup failed (${status ?? (error instanceof Error ? error.name : "error")})`);
      }
    }
    return remembered;
  }

  /** One call, retried once after a back-off when throttled (429); never past the budget. */
  private async call<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await this.withDeadline(call);
    } catch (error) {
      if (describe(error).status !== 429) throw error;
      if (this.remaining() < this.options.backoffMs + 200) throw error;
      this.options.log(`alexa reminders: ${what} throttled (429); one retry in ${this.options.backoffMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs));
      return this.withDeadline(call);
    }
  }

  private remaining(): number {
    return this.options.budgetMs - (Date.now() - this.started);
  }

  private async withDeadline<T>(call: () => Promise<T>): Promise<T> {
    const ms = Math.min(this.options.callTimeoutMs, this.remaining());
    if (ms <= 0) throw new Deadline("no time left");
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Deadline(`no answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([call(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
