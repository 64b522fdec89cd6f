// The Google webhook end to end: real Dialogflow ES v2 WebhookRequest documents (as the Google
// Assistant integration sends them), wrapped in Lambda Function URL events (payload format 2.0),
// through the Lambda entry, the actions-on-google app and the conversation core, against the
// shared fixture catalog (or, when its audio build failed, the same catalog composed from the
// scripts without audio: the adapter reads only the catalog) and a real file state store.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { dialogflow } from "actions-on-google/dist/service/dialogflow/index.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SkillCatalog } from "../audio-builder/catalog/skill-catalog-types.js";
import { FileStateStore } from "../skill/persistence/file-persistence.js";
import type { StateStore } from "../skill/persistence/state-store.js";
import { ConfigError } from "../skill/core/skill-environment.js";
import { stateKey } from "../skill/google/google-request.js";
import { createWebhookHandler, MAX_BODY_BYTES, type FunctionUrlEvent, type WebhookHandler } from "../skill/google/webhook-handler.js";
import { WEBHOOK_SECRET_HEADER } from "../skill/google/webhook-secret.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

const SECRET = "s3cr3t-for-tests-0123456789abcdef";
const AUDIO = "https://audio.rustpunt.test/";
const FIXTURES = path.resolve(import.meta.dirname, "fixtures/dialogflow");
/** The user id in the Dutch fixtures' userStorage. */
const NL_USER = "3f1c2b7e-9a4d-4c5e-8b6f-0a1b2c3d4e5f";

interface RichItem {
  simpleResponse?: { textToSpeech?: string; displayText?: string };
  mediaResponse?: { mediaType: string; mediaObjects: { contentUrl: string; name?: string; description?: string }[] };
}
interface GooglePayload {
  expectUserResponse: boolean;
  richResponse?: { items: RichItem[]; suggestions?: { title: string }[] };
  userStorage?: string;
  noInputPrompts?: { textToSpeech?: string; ssml?: string }[];
}
interface WebhookResponse {
  fulfillmentText?: string;
  payload: { google: GooglePayload };
}

let catalogFile: string;
let stateDir: string;
let catalog: SkillCatalog;
let env: NodeJS.ProcessEnv;
let calls: { get: number; save: number };
let store: StateStore;
let handler: WebhookHandler;
const logs: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "rustpunt-google-"));
  if (inject("fixtureDistError")) {
    catalogFile = path.join(stateDir, "skill-catalog.json");
    await writeFile(catalogFile, JSON.stringify(await skillCatalogFromScripts()));
  } else {
    catalogFile = path.join(inject("fixtureDist"), "skill-catalog.json");
  }
  catalog = JSON.parse(await readFile(catalogFile, "utf8")) as SkillCatalog;
  env = { AUDIO_BASE_URL: AUDIO, GOOGLE_WEBHOOK_SECRET: SECRET, CATALOG_FILE: catalogFile, STATE_DIR: stateDir };
  // A real file store, counted: a request refused at the door must never reach the app, whose
  // every turn reads and writes state.
  const files = new FileStateStore(stateDir);
  calls = { get: 0, save: 0 };
  store = {
    get: (id) => (calls.get++, files.get(id)),
    save: (id, attributes) => (calls.save++, files.save(id, attributes)),
    delete: (id) => files.delete(id),
  };
  handler = createWebhookHandler({ env, store, log: (line) => logs.push(line) });
});

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(FIXTURES, `${name}.json`), "utf8")) as Record<string, unknown>;
}

function urlEvent(body: string, headers: Record<string, string> = { [WEBHOOK_SECRET_HEADER]: SECRET }, base64 = false): FunctionUrlEvent {
  return {
    headers: { "content-type": "application/json; charset=UTF-8", "user-agent": "Google-Dialogflow", host: "abc.lambda-url.eu-west-1.on.aws", ...headers },
    body: base64 ? Buffer.from(body, "utf8").toString("base64") : body,
    isBase64Encoded: base64,
    requestContext: { http: { method: "POST" } },
  };
}

async function send(request: Record<string, unknown>): Promise<WebhookResponse> {
  const result = await handler(urlEvent(JSON.stringify(request)));
  expect(result.statusCode).toBe(200);
  expect(result.headers["content-type"]).toMatch(/^application\/json/);
  return JSON.parse(result.body) as WebhookResponse;
}

/** The request as another (anonymous) user sends it. */
function withUser(request: Record<string, unknown>, id: string): Record<string, unknown> {
  const copy = structuredClone(request);
  (copy.originalDetectIntentRequest as { payload: { user: Record<string, unknown> } }).payload.user.userStorage = JSON.stringify({ data: { rustpuntId: id } });
  return copy;
}

/** The same request as another intent, with other parameters and conversation type. */
function as(request: Record<string, unknown>, intent: string, parameters: Record<string, unknown> = {}, type: "NEW" | "ACTIVE" = "ACTIVE"): Record<string, unknown> {
  const copy = structuredClone(request) as { queryResult: { intent: { displayName: string }; parameters: object }; originalDetectIntentRequest: { payload: { conversation: { type: string } } } };
  copy.queryResult.intent.displayName = intent;
  copy.queryResult.parameters = parameters;
  copy.originalDetectIntentRequest.payload.conversation.type = type;
  return copy as unknown as Record<string, unknown>;
}

const items = (r: WebhookResponse): RichItem[] => r.payload.google.richResponse?.items ?? [];
const ssml = (r: WebhookResponse): string => items(r).map((i) => i.simpleResponse?.textToSpeech ?? "").join(" ");
const chips = (r: WebhookResponse): string[] => (r.payload.google.richResponse?.suggestions ?? []).map((s) => s.title);
const media = (r: WebhookResponse) => items(r).find((i) => i.mediaResponse)?.mediaResponse;
const title = (locale: string, id: string) => catalog.exercises.find((e) => e.locale === locale && e.id === id)!.title;

describe("Google webhook: conversation", () => {
  it("welcomes a first-time user, gives them an anonymous id and keeps listening", async () => {
    const response = await send(await fixture("welcome"));
    const google = response.payload.google;
    expect(google.expectUserResponse).toBe(true);
    expect(ssml(response)).toMatch(/^<speak>Welkom bij Rustpunt\./);
    expect(ssml(response)).toContain("vervangt geen arts");
    for (const id of ["ademhaling", "bodyscan"]) expect(ssml(response)).toContain(title("nl-NL", id));
    expect(response.fulfillmentText).toMatch(/^Welkom bij Rustpunt\./);
    expect(response.fulfillmentText).not.toContain("<");
    expect(chips(response)).toContain(title("nl-NL", "ademhaling"));
    expect(google.noInputPrompts?.length).toBe(1);
    const id = (JSON.parse(google.userStorage!) as { data: { rustpuntId: string } }).data.rustpuntId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The user's state is stored under the anonymous id, not under anything Google sent.
    const stored = await store.get(stateKey(id));
    expect(stored.visits).toBe(1);
  });

  it("plays the short breathing exercise with the sleep ending as a media response after an SSML intro", async () => {
    const response = await send(await fixture("start-ademhaling"));
    const google = response.payload.google;
    const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.exercise === "ademhaling" && t.length === "short" && t.ending === "sleep")!;
    expect(items(response)[0]!.simpleResponse?.textToSpeech).toMatch(/^<speak>.*in slaap.*<\/speak>$/s);
    expect(ssml(response)).toContain(title("nl-NL", "ademhaling"));
    const played = media(response)!;
    expect(played.mediaType).toBe("AUDIO");
    expect(played.mediaObjects).toHaveLength(1);
    expect(played.mediaObjects[0]!.contentUrl).toBe(`${AUDIO}${track.files.download.path}`);
    expect(played.mediaObjects[0]!.contentUrl).toBe("https://audio.rustpunt.test/audio/nl-NL/ademhaling-short-sleep.mp3");
    expect(played.mediaObjects[0]!.name).toBe(title("nl-NL", "ademhaling"));
    expect(played.mediaObjects[0]!.description).toMatch(/kort/);
    // Google's rule: the media response comes after a simple response, with chips, conversation open.
    expect(items(response).findIndex((i) => i.mediaResponse)).toBe(1);
    expect(google.expectUserResponse).toBe(true);
    // The sleep ending: one quiet chip.
    expect(chips(response)).toEqual(["Stop"]);
    const stored = await store.get(stateKey(NL_USER));
    expect(stored).toMatchObject({ lastExercise: "ademhaling", lastTrackId: track.id, lastLocale: "nl-NL", preferredLength: "short" });
  });

  it("closes kindly when Google reports the track finished, and counts the completion", async () => {
    await send(await fixture("start-ademhaling"));
    const before = (await store.get(stateKey(NL_USER))).completions ?? 0;
    const response = await send(await fixture("media-status-finished"));
    expect(response.payload.google.expectUserResponse).toBe(false);
    expect(ssml(response)).toBe("<speak>Slaap lekker.</speak>");
    expect(media(response)).toBeUndefined();
    const stored = await store.get(stateKey(NL_USER));
    expect(stored.completions).toBe((before as number) + 1);
    expect(stored.lastCompletedTrackId).toBe("ademhaling-short-sleep");
  });

  it("asks which exercise when Dialogflow resolved none (\"doe de yoga oefening\"), never an error", async () => {
    const response = await send(await fixture("start-unknown"));
    expect(response.payload.google.expectUserResponse).toBe(true);
    expect(ssml(response)).toContain("Welke oefening wil je doen");
    expect(ssml(response)).not.toContain("ken ik niet");
    for (const e of catalog.exercises.filter((x) => x.locale === "nl-NL")) expect(ssml(response)).toContain(e.title);
    expect(media(response)).toBeUndefined();
    expect(chips(response).length).toBeGreaterThan(0);
  });

  it("speaks English for an English request and plays the English track", async () => {
    const response = await send(await fixture("start-english"));
    const track = catalog.tracks.find((t) => t.locale === "en-US" && t.exercise === "bodyscan" && t.length === "short" && t.ending === "wake")!;
    expect(media(response)!.mediaObjects[0]!.contentUrl).toBe(`${AUDIO}${track.files.download.path}`);
    expect(media(response)!.mediaObjects[0]!.contentUrl).toContain("/en-US/");
    expect(media(response)!.mediaObjects[0]!.name).toBe(title("en-US", "bodyscan"));
    expect(ssml(response)).toMatch(/short, about \d+ minutes?/);
    expect(chips(response)).toContain("Give me a tip");
  });

  it("gives a surface without media output the exercise as SSML chunks, and 'continue' the next one", async () => {
    const request = await fixture("start-no-media");
    const response = await send(request);
    const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.exercise === "ademhaling" && t.length === "short" && t.ending === "wake")!;
    expect(media(response)).toBeUndefined();
    const first = track.ssml.alexa[0]!.replace(/^<speak>|<\/speak>$/g, "");
    expect(ssml(response)).toContain(first);
    expect(ssml(response)).toMatch(/<break time="\d+(ms|s)"\/>/);
    expect(ssml(response).length).toBeLessThanOrEqual(8_000 + 400);
    if (track.ssml.alexa.length > 1) {
      expect(response.payload.google.expectUserResponse).toBe(true);
      expect(ssml(response)).toContain("Zeg 'verder'");
      expect(chips(response)).toEqual(["Verder", "Stop"]);
      const next = structuredClone(request) as { queryResult: { intent: { displayName: string }; queryText: string } };
      next.queryResult.intent.displayName = "continue";
      next.queryResult.queryText = "verder";
      const second = await send(next as unknown as Record<string, unknown>);
      expect(ssml(second)).toContain(track.ssml.alexa[1]!.replace(/^<speak>|<\/speak>$/g, "").slice(0, 200));
    } else {
      expect(response.payload.google.expectUserResponse).toBe(false);
    }
    expect(response.fulfillmentText!.length).toBeLessThanOrEqual(640);
  });

  it("maps help, why, tip and stop to the core", async () => {
    // Someone who has not just played a sleep-ending track (after one, answers are for the night).
    const base = withUser(await fixture("start-unknown"), randomUUID());
    const ask = async (intent: string) => {
      const request = structuredClone(base) as { queryResult: { intent: { displayName: string }; parameters: object } };
      request.queryResult.intent.displayName = intent;
      request.queryResult.parameters = {};
      return send(request as unknown as Record<string, unknown>);
    };
    expect(ssml(await ask("help"))).toContain("Je kunt een oefening kiezen");
    const why = await ask("why");
    expect(why.payload.google.expectUserResponse).toBe(true);
    expect(ssml(why)).toContain(catalog.info.find((i) => i.locale === "nl-NL" && i.id === "waarom-ontspannen")!.intro.slice(0, 30));
    const tip1 = ssml(await ask("tip"));
    const tip2 = ssml(await ask("tip"));
    expect(tip1).toContain("Een tip");
    expect(tip2).not.toBe(tip1);
    const stop = await ask("stop");
    expect(stop.payload.google.expectUserResponse).toBe(false);
    expect(ssml(stop)).toBe("<speak>Tot de volgende keer.</speak>");
    // An intent this code does not know yet (a newer agent) gets the core's fallback.
    expect(ssml(await ask("some_future_intent"))).toContain("Dat heb ik niet goed verstaan");
  });
});

describe("Google webhook: the moment and the device", () => {
  const nlTitle = (id: string) => title("nl-NL", id);

  it("a one-shot start counts the visit; the next conversation welcomes back and offers to resume", async () => {
    const user = withUser(await fixture("start-ademhaling"), randomUUID());
    const started = await send(as(user, "start_exercise", { exercise: "bodyscan", length: "", ending: "", minutes: "" }, "NEW"));
    expect(media(started)).toBeDefined();
    expect(ssml(started)).not.toMatch(/welkom/i);
    expect(ssml(started)).toContain("vervangt geen arts");
    // A media status that is neither FINISHED nor FAILED (the person stopped it) keeps the place.
    const stopped = await send(as(user, "media_status"));
    expect(stopped.payload.google.expectUserResponse).toBe(false);
    const welcome = await send(as(user, "Default Welcome Intent", {}, "NEW"));
    expect(ssml(welcome)).toContain("Welkom terug");
    expect(ssml(welcome)).not.toContain("vervangt geen arts");
  });

  it("a media status FAILED gets an honest answer and 'continue' plays the track again", async () => {
    const user = withUser(await fixture("start-ademhaling"), randomUUID());
    await send(as(user, "start_exercise", { exercise: "ademhaling", length: "", ending: "", minutes: "" }, "NEW"));
    const failed = structuredClone(await fixture("media-status-finished")) as Record<string, unknown>;
    const payload = (failed.originalDetectIntentRequest as { payload: { user: Record<string, unknown>; inputs: { arguments: { extension: { status: string } }[] }[] } }).payload;
    payload.user.userStorage = (user.originalDetectIntentRequest as { payload: { user: { userStorage: string } } }).payload.user.userStorage;
    payload.inputs[0]!.arguments[0]!.extension.status = "FAILED";
    const answer = await send(failed);
    expect(ssml(answer)).toContain(`Het afspelen van ${nlTitle("ademhaling")} lukte niet`);
    expect(ssml(answer)).not.toMatch(/apparaat/);
    expect(answer.payload.google.expectUserResponse).toBe(true);
    expect(logs.some((l) => l.includes("playback failed for nl-NL|ademhaling-short-wake: media status FAILED"))).toBe(true);
    const retry = await send(as(user, "continue"));
    expect(media(retry)?.mediaObjects[0]!.contentUrl).toBe(`${AUDIO}audio/nl-NL/ademhaling-short-wake.mp3`);
    // Without its own words the media response still follows a simple response: the title.
    expect(items(retry)[0]!.simpleResponse?.textToSpeech).toBe(`<speak>${nlTitle("ademhaling")}</speak>`);
  });

  it("after the sleep ending finished, stop says nothing (the goodbye is only shown) and a tip closes the conversation", async () => {
    const user = withUser(await fixture("start-ademhaling"), randomUUID());
    await send(user);
    const finished = structuredClone(await fixture("media-status-finished")) as Record<string, unknown>;
    (finished.originalDetectIntentRequest as { payload: { user: Record<string, unknown> } }).payload.user.userStorage = (user.originalDetectIntentRequest as { payload: { user: { userStorage: string } } }).payload.user.userStorage;
    expect(ssml(await send(finished))).toBe("<speak>Slaap lekker.</speak>");
    const stop = await send(as(user, "stop", {}, "NEW"));
    expect(stop.payload.google.expectUserResponse).toBe(false);
    expect(ssml(stop)).not.toMatch(/Tot de volgende keer/);
    expect(stop.fulfillmentText).toBe("Tot de volgende keer.");
    const tip = await send(as(user, "tip", {}, "NEW"));
    expect(tip.payload.google.expectUserResponse).toBe(false);
    expect(ssml(tip)).not.toContain("Nog eentje");
  });

  it("a surface without media: one chapter per turn; stop keeps it; a new conversation's 'continue' speaks it again", async () => {
    const user = withUser(await fixture("start-no-media"), randomUUID());
    const track = catalog.tracks.find((t) => t.locale === "nl-NL" && t.id === "bodyscan-short-wake")!;
    const body = (i: number) => track.ssml.alexa[i]!.replace(/^<speak>|<\/speak>$/g, "");
    const first = await send(as(user, "start_exercise", { exercise: "bodyscan", length: "", ending: "", minutes: "" }, "NEW"));
    expect(media(first)).toBeUndefined();
    expect(ssml(first)).toContain(body(0));
    expect(ssml(first)).not.toContain(body(1));
    expect(chips(first)).toEqual(["Verder", "Stop"]);
    expect(ssml(await send(as(user, "continue")))).toContain(body(1));
    const stop = await send(as(user, "stop"));
    expect(stop.payload.google.expectUserResponse).toBe(false);
    expect(media(stop)).toBeUndefined();
    const again = await send(as(user, "continue", {}, "NEW"));
    expect(ssml(again)).toContain(body(1));
    expect(ssml(await send(as(user, "continue")))).toContain(body(2));
  });

  it("'start an exercise' without a name asks which one, keeping the ending", async () => {
    const user = withUser(await fixture("start-ademhaling"), randomUUID());
    const ask = await send(as(user, "start_exercise", { exercise: "", length: "", ending: "sleep", minutes: "" }, "NEW"));
    expect(ssml(ask)).toContain("Welke oefening wil je doen");
    expect(chips(ask)).toContain(nlTitle("bodyscan"));
    const played = await send(as(user, "start_exercise", { exercise: "bodyscan", length: "", ending: "", minutes: "" }));
    expect(media(played)?.mediaObjects[0]!.contentUrl).toBe(`${AUDIO}audio/nl-NL/bodyscan-short-sleep.mp3`);
  });

  it("info pieces one item per turn with 'Ja'/'Nee' chips, the next item on 'continue'", async () => {
    const user = withUser(await fixture("start-unknown"), randomUUID());
    const info = catalog.info.find((i) => i.locale === "nl-NL" && i.id === "rustmomenten")!;
    const first = await send(as(user, "rest_moments", {}, "NEW"));
    expect(ssml(first)).toContain(info.items[0]!.title);
    expect(ssml(first)).not.toContain(info.items[1]!.title);
    expect(ssml(first)).toContain("Nog eentje?");
    expect(chips(first)).toEqual(["Ja", "Nee"]);
    const second = await send(as(user, "continue"));
    expect(ssml(second)).toContain(info.items[1]!.title);
    const yes = await send(as(user, "yes"));
    expect(ssml(yes)).toContain(info.items[2]!.title);
    expect(ssml(await send(as(user, "no")))).toContain("Wil je een oefening doen?");
  });
});

describe("Google webhook: the door", () => {
  async function refused(event: FunctionUrlEvent, status: number): Promise<void> {
    const before = { ...calls };
    const result = await handler(event);
    expect(result.statusCode).toBe(status);
    // No reason a caller could probe with, and the app never ran.
    expect(result.body).toBe("");
    expect(calls).toEqual(before);
  }

  it("accepts the right secret (also in a base64 body) and refuses everything else before the app", async () => {
    const body = JSON.stringify(await fixture("welcome"));
    expect((await handler(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: SECRET }, true))).statusCode).toBe(200);
    expect((await handler(urlEvent(body, { "X-Rustpunt-Secret": SECRET }))).statusCode).toBe(200);

    await refused(urlEvent(body, {}), 401);
    await refused(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: `${SECRET.slice(0, -1)}X` }), 401);
    await refused(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: "short" }), 401);
    await refused(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: `${SECRET}${SECRET}` }), 401);
    await refused(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: "" }), 401);
    // Auth comes first: a bad body without the secret is still a 401.
    await refused(urlEvent("{not json", {}), 401);

    await refused(urlEvent("{not json"), 400);
    await refused(urlEvent(""), 400);
    await refused(urlEvent(JSON.stringify([1, 2, 3])), 400);
    await refused(urlEvent(JSON.stringify({ hello: "world" })), 400);
    await refused(urlEvent(JSON.stringify({ session: "s", responseId: "r", queryResult: "nope" })), 400);

    const padded = JSON.parse(body) as Record<string, unknown>;
    padded.padding = "x".repeat(MAX_BODY_BYTES);
    await refused(urlEvent(JSON.stringify(padded)), 413);
    await refused(urlEvent(JSON.stringify(padded), { [WEBHOOK_SECRET_HEADER]: SECRET }, true), 413);

    await refused({ ...urlEvent(body), requestContext: { http: { method: "GET" } } }, 405);
  });

  it("reads the secret from SSM once per container and retries a failed read", async () => {
    const reads: string[] = [];
    let fail = true;
    const ssmHandler = createWebhookHandler({
      env: { ...env, GOOGLE_WEBHOOK_SECRET: undefined, GOOGLE_WEBHOOK_SECRET_PARAM: "/rustpunt/google-webhook-secret" },
      store,
      log: (line) => logs.push(line),
      readParameter: async (name) => {
        reads.push(name);
        if (fail) throw new Error("AccessDeniedException");
        return SECRET;
      },
    });
    const body = JSON.stringify(await fixture("welcome"));
    expect((await ssmHandler(urlEvent(body))).statusCode).toBe(503);
    expect(logs.some((l) => l.includes("AccessDeniedException"))).toBe(true);
    fail = false;
    expect((await ssmHandler(urlEvent(body))).statusCode).toBe(200);
    expect((await ssmHandler(urlEvent(body, { [WEBHOOK_SECRET_HEADER]: "wrong-but-long-enough" }))).statusCode).toBe(401);
    expect((await ssmHandler(urlEvent(body))).statusCode).toBe(200);
    expect(reads).toEqual(["/rustpunt/google-webhook-secret", "/rustpunt/google-webhook-secret", "/rustpunt/google-webhook-secret"]);
  });

  it("fails at start-up with the variable and the fix when configuration is missing", () => {
    expect(() => createWebhookHandler({ env: { CATALOG_FILE: env.CATALOG_FILE } })).toThrow(ConfigError);
    expect(() => createWebhookHandler({ env: { CATALOG_FILE: env.CATALOG_FILE } })).toThrow(/AUDIO_BASE_URL is not set[\s\S]*GOOGLE_WEBHOOK_SECRET_PARAM/);
    expect(() => createWebhookHandler({ env: { ...env, AUDIO_BASE_URL: "http://cdn.example/" } })).toThrow(/must use https/);
    expect(() => createWebhookHandler({ env: { ...env, GOOGLE_WEBHOOK_SECRET: "tooshort" } })).toThrow(/openssl rand/);
  });

  it("uses its own check because actions-on-google's verification option does not do the job", async () => {
    // 3.0.0's object form loops over the option's own keys ("headers", "status"), so even the
    // right header is refused; and its answer carries the reason in the body.
    const app = dialogflow({ verification: { headers: { [WEBHOOK_SECRET_HEADER]: SECRET }, status: 401 } });
    app.intent("Default Welcome Intent", (conv) => conv.close("hoi"));
    const result = await app.handler(await fixture("welcome"), { [WEBHOOK_SECRET_HEADER]: SECRET });
    expect(result.status).toBe(401);
    expect(JSON.stringify(result.body)).toContain("verification header");
  });

  it("the Lambda module exports an async handler built from process.env", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const { handler: lambdaHandler } = await import("../skill/google/lambda.js");
      const response = await lambdaHandler(urlEvent(JSON.stringify(await fixture("welcome"))));
      expect(response.statusCode).toBe(200);
      expect((await lambdaHandler(urlEvent("{}", {}))).statusCode).toBe(401);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    }
  });

  it("keeps state per anonymous id: a new user is a new key", async () => {
    const request = await fixture("welcome");
    const payload = (request.originalDetectIntentRequest as { payload: { user: Record<string, unknown> } }).payload;
    const id = randomUUID();
    payload.user.userStorage = JSON.stringify({ data: { rustpuntId: id } });
    // An identity token is personal data Rustpunt does not use; it must not break the turn.
    payload.user.idToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
    await send(request);
    const second = await send(request);
    expect(ssml(second)).toContain("Welkom terug");
    expect((await store.get(stateKey(id))).visits).toBe(2);
  });
});
