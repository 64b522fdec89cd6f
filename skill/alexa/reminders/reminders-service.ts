// Runs the core's ReminderOperation against Alexa: the Reminders API through ask-sdk-core's
// ReminderManagementServiceClient at the request's apiEndpoint with its apiAccessToken (the SDK's
// DefaultApiClient, set in skill-builder.ts), in the device's time zone that the core's turn loop
// learned from the settings API. Every failure becomes a ReminderProblem the core
// can answer kindly; nothing here throws, so the rest of the skill keeps working when the
// service does not.
import type { HandlerInput } from "ask-sdk-core";
import type { Locale } from "../../core/conversation-types.js";
import type { ReminderOperation, ReminderOutcome, ReminderProblem } from "../../core/reminders/reminder-types.js";
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

/** Runs one operation for this request; resolves to an outcome, never rejects. */
export async function runReminderOperation(input: HandlerInput, op: ReminderOperation, locale: Locale, options: ReminderServiceOptions): Promise<ReminderOutcome> {
  const started = Date.now();
  const factory = input.serviceClientFactory;
  const { log, backoffMs } = options;
  const fail = (why: unknown): ReminderOutcome => {
    const problem = typeof why === "string" ? "unavailable" : problemOf(why);
    log(`alexa reminders: ${op.kind} failed (${summary(why)}) → ${problem}`);
    return { ok: false, problem };
  };
  /** One HTTP call under the deadline. */
  const once = async <T>(call: () => Promise<T>): Promise<T> => {
    const ms = Math.max(0, Math.min(options.callTimeoutMs, options.budgetMs - (Date.now() - started)));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([call(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
  /** Retried once after a back-off when throttled (429), if the budget allows. */
  const call = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await once(request);
    } catch (error) {
      if (describe(error).status !== 429 || options.budgetMs - (Date.now() - started) < backoffMs + 200) throw error;
      log(`alexa reminders: throttled (429); one retry in ${backoffMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      return once(request);
    }
  };
  if (!factory || !input.requestEnvelope.context?.System?.apiAccessToken) return fail("no apiAccessToken");
  const client = factory.getReminderManagementServiceClient();
  try {
    if (op.kind === "list") {
      const all = await call(() => client.getReminders());
      const theirs = new Set((all?.alerts ?? []).filter((a) => a.status !== "COMPLETED").map((a) => a.alertToken));
      return { ok: true, kind: "listed", present: op.ids.filter((id) => theirs.has(id)) };
    }
    if (op.kind === "delete") {
      for (const id of op.ids) {
        // Already gone (deleted in the app) is what was asked.
        await call(() => client.deleteReminder(id)).catch((error: unknown) => {
          if (problemOf(error) !== "notFound") throw error;
        });
      }
      return { ok: true, kind: "deleted" };
    }
    // The core's turn loop asked the settings API (skill/alexa/device-time-zone.ts) and remembers
    // the answer; without a zone no reminder is made: a guessed zone would ring at the wrong hour.
    const zone = op.timeZone;
    if (!zone) return fail("no time zone");
    const body = reminderRequest(op.schedule, op.text, locale, zone, options.now());
    if (op.kind === "update") {
      await call(() => client.updateReminder(op.id, body));
      return { ok: true, kind: "updated", timeZone: zone };
    }
    const id = (await call(() => client.createReminder(body)))?.alertToken;
    return id ? { ok: true, kind: "created", id, timeZone: zone } : fail("no alertToken");
  } catch (error) {
    return fail(error);
  }
}

/** For the log: status and documented code, or the error's name; never a body or a token. */
function summary(error: unknown): string {
  if (typeof error === "string") return error;
  const { status, code } = describe(error);
  return status ? `${status} ${code ?? ""}` : String((error as Error)?.message).slice(0, 120);
}
