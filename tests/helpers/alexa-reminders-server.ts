// A loopback stand-in for the two Alexa services the reminders feature calls, answering as their
// documentation shows: the Reminders REST API (POST/GET/PUT/DELETE /v1/alerts/reminders[/{id}],
// Bearer apiAccessToken, reminder and error objects as in ask-sdk-model's
// services.reminderManagement) and the settings API's time zone
// (GET /v2/devices/{deviceId}/settings/System.timeZone → a JSON string, 204 when unset).
// Requests reach it through the envelope's context.System.apiEndpoint, as on Alexa.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedCall {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

interface StoredAlert {
  alertToken: string;
  createdTime: string;
  updatedTime: string;
  status: "ON" | "COMPLETED";
  version: string;
  trigger: unknown;
  alertInfo: unknown;
  pushNotification: unknown;
  /** Which skill made it: the real API shows a skill only its own reminders. */
  skill: "rustpunt" | "other";
}

export interface FakeAlexaApi {
  endpoint: string;
  token: string;
  calls: RecordedCall[];
  alerts: Map<string, StoredAlert>;
  /** Time zone per device id; a device without one answers 204. */
  timeZones: Map<string, string>;
  /** Answers to use, in order, before the normal behaviour (e.g. a 429, a 503). */
  failures: { path?: RegExp; status: number; body?: unknown }[];
  /** false → every reminders call answers 403 (permission revoked in the Alexa app). */
  permission: boolean;
  /** The service's own limit: more reminders than this answer 403 MAX_REMINDERS_EXCEEDED. */
  limit: number;
  /** A reminder some other skill made for the same person: never ours to touch. */
  addForeignAlert(): string;
  close(): Promise<void>;
}

let counter = 0;

export async function startFakeAlexaApi(token = "Atza|test-access-token"): Promise<FakeAlexaApi> {
  const api = {
    token,
    calls: [] as RecordedCall[],
    alerts: new Map<string, StoredAlert>(),
    timeZones: new Map<string, string>(),
    failures: [] as FakeAlexaApi["failures"],
    permission: true,
    limit: 100,
  };
  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (raw) => handle(api, req, res, raw),
      () => send(res, 400, { code: "INVALID_REQUEST", message: "unreadable body" }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    endpoint: `http://127.0.0.1:${port}`,
    addForeignAlert(): string {
      const id = `amzn1.alert.other-skill-${++counter}`;
      const now = new Date().toISOString();
      api.alerts.set(id, { alertToken: id, createdTime: now, updatedTime: now, status: "ON", version: "1", trigger: {}, alertInfo: {}, pushNotification: {}, skill: "other" });
      return id;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

type Api = Omit<FakeAlexaApi, "endpoint" | "addForeignAlert" | "close">;

function handle(api: Api, req: IncomingMessage, res: ServerResponse, raw: string): void {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    return send(res, 400, { code: "INVALID_REQUEST", message: "body is not JSON" });
  }
  const call: RecordedCall = { method, path: url.pathname, ...(body !== undefined ? { body } : {}) };
  const auth = req.headers.authorization;
  if (auth) call.authorization = auth;
  api.calls.push(call);

  if (auth !== `Bearer ${api.token}`) return send(res, 401, { code: "UNAUTHORIZED", message: "Request is not authorized" });
  const failure = api.failures.findIndex((f) => !f.path || f.path.test(url.pathname));
  if (failure >= 0) {
    const [f] = api.failures.splice(failure, 1);
    return send(res, f!.status, f!.body ?? { code: statusCode(f!.status), message: "injected" });
  }

  const zone = /^\/v2\/devices\/([^/]+)\/settings\/System\.timeZone$/.exec(url.pathname);
  if (zone && method === "GET") {
    const tz = api.timeZones.get(decodeURIComponent(zone[1]!));
    return tz === undefined ? send(res, 204) : send(res, 200, tz);
  }

  if (!url.pathname.startsWith("/v1/alerts/reminders")) return send(res, 404, { code: "NOT_FOUND", message: "no such resource" });
  if (!api.permission) return send(res, 403, { code: "FORBIDDEN", message: "The user has not granted reminders permission to this skill" });
  const id = decodeURIComponent(url.pathname.slice("/v1/alerts/reminders/".length));
  const ours = (a: StoredAlert | undefined) => (a && a.skill === "rustpunt" ? a : undefined);

  if (url.pathname === "/v1/alerts/reminders" && method === "POST") {
    const problem = invalidReminder(body);
    if (problem) return send(res, 400, { code: "INVALID_REQUEST", message: problem });
    if ([...api.alerts.values()].filter((a) => a.skill === "rustpunt").length >= api.limit) {
      return send(res, 403, { code: "MAX_REMINDERS_EXCEEDED", message: "Customer has exceeded the maximum number of reminders" });
    }
    const now = new Date().toISOString();
    const alert: StoredAlert = { alertToken: `amzn1.alert.${++counter}`, createdTime: now, updatedTime: now, status: "ON", version: "1", ...(body as object), skill: "rustpunt" } as StoredAlert;
    api.alerts.set(alert.alertToken, alert);
    return send(res, 200, response(alert));
  }
  if (url.pathname === "/v1/alerts/reminders" && method === "GET") {
    const alerts = [...api.alerts.values()].filter((a) => a.skill === "rustpunt").map(publicAlert);
    return send(res, 200, { totalCount: String(alerts.length), alerts, links: null });
  }
  const alert = ours(api.alerts.get(id));
  if (!alert) return send(res, 404, { code: "NOT_FOUND", message: "Alert not found" });
  if (method === "GET") return send(res, 200, publicAlert(alert));
  if (method === "PUT") {
    const problem = invalidReminder(body);
    if (problem) return send(res, 400, { code: "INVALID_REQUEST", message: problem });
    Object.assign(alert, body as object, { updatedTime: new Date().toISOString(), version: String(Number(alert.version) + 1) });
    return send(res, 200, response(alert));
  }
  if (method === "DELETE") {
    api.alerts.delete(id);
    return send(res, 200);
  }
  return send(res, 405, { code: "METHOD_NOT_ALLOWED", message: method });
}

function statusCode(status: number): string {
  return status === 429 ? "TOO_MANY_REQUESTS" : status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR";
}

function response(a: StoredAlert): object {
  return { alertToken: a.alertToken, createdTime: a.createdTime, updatedTime: a.updatedTime, status: a.status, version: a.version, href: `/v1/alerts/reminders/${a.alertToken}` };
}

function publicAlert(a: StoredAlert): object {
  const { skill: _skill, ...rest } = a;
  return rest;
}

/** The documented shape of a recurring absolute reminder; what is wrong, in words, or undefined. */
function invalidReminder(body: unknown): string | undefined {
  const b = body as {
    requestTime?: unknown;
    trigger?: { type?: unknown; timeZoneId?: unknown; scheduledTime?: unknown; recurrence?: { startDateTime?: unknown; recurrenceRules?: unknown } };
    alertInfo?: { spokenInfo?: { content?: { locale?: unknown; text?: unknown }[] } };
    pushNotification?: { status?: unknown };
  };
  const localTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?$/;
  if (typeof b?.requestTime !== "string" || !localTime.test(b.requestTime)) return "requestTime must be ISO 8601 without an offset";
  if (b.trigger?.type !== "SCHEDULED_ABSOLUTE") return "trigger.type";
  if (typeof b.trigger.timeZoneId !== "string") return "trigger.timeZoneId";
  const recurrence = b.trigger.recurrence;
  if (typeof recurrence?.startDateTime !== "string" || !localTime.test(recurrence.startDateTime)) return "recurrence.startDateTime";
  const rules = recurrence.recurrenceRules;
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every((r) => typeof r === "string" && /^FREQ=(DAILY|WEEKLY);/.test(r))) return "recurrence.recurrenceRules";
  const content = b.alertInfo?.spokenInfo?.content;
  if (!Array.isArray(content) || content.length === 0 || content.some((c) => typeof c.locale !== "string" || typeof c.text !== "string" || c.text === "")) return "alertInfo.spokenInfo.content";
  if (b.pushNotification && b.pushNotification.status !== "ENABLED" && b.pushNotification.status !== "DISABLED") return "pushNotification.status";
  return undefined;
}
