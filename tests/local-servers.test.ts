// `npm run skill:local` and `npm run google:local` over real HTTP on 127.0.0.1: the README's
// example requests get real answers, and whatever else is posted (not JSON, no request.type, wrong
// shapes, too large, wrong paths) gets a short answer with no internals: no stack, no library
// error text, no file path, no HTML. Most cases run the servers in-process; one case per server
// starts the npm script's entry as a user does.
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest, type Server } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAlexaLocalServer, MAX_ALEXA_BODY_BYTES } from "../skill/alexa/local-server.js";
import { createAlexaSkillFromEnv } from "../skill/alexa/skill-builder.js";
import { createGoogleLocalServer } from "../skill/google/local-server.js";
import { createWebhookHandler } from "../skill/google/webhook-handler.js";
import { listenLocally } from "../skill/local-http.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";

const REPO = path.resolve(import.meta.dirname, "..");
const SECRET = "local-secret-0123456789";

/** The README's examples: keep them in step (a test below reads them from the README). */
const LAUNCH = {
  version: "1.0",
  session: { new: true, sessionId: "amzn1.echo-api.session.local", application: { applicationId: "amzn1.ask.skill.local" }, user: { userId: "amzn1.ask.account.local" } },
  context: { System: { application: { applicationId: "amzn1.ask.skill.local" }, user: { userId: "amzn1.ask.account.local" }, device: { deviceId: "local", supportedInterfaces: { AudioPlayer: {} } } } },
  request: { type: "LaunchRequest", requestId: "amzn1.echo-api.request.1", timestamp: "2026-01-01T20:00:00Z", locale: "nl-NL" },
};

let dir: string;
let catalogFile: string;
const servers: Server[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rustpunt-local-"));
  // The skill reads only the catalog: the fixture's, or the same catalog composed from the scripts.
  if (inject("fixtureDistError")) {
    catalogFile = path.join(dir, "skill-catalog.json");
    await writeFile(catalogFile, JSON.stringify(await skillCatalogFromScripts()));
  } else {
    catalogFile = path.join(inject("fixtureDist"), "skill-catalog.json");
  }
  await writeFile(path.join(dir, "hello.txt"), "hello\n");
});

afterAll(async () => {
  for (const child of children) child.kill();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function start(server: Server): Promise<string> {
  servers.push(server);
  return `http://127.0.0.1:${await listenLocally(server, 0)}`;
}

/** A response a stranger may see: short, and nothing of the server's insides. */
function expectNoInternals(text: string): void {
  expect(text.length).toBeLessThan(300);
  expect(text).not.toMatch(/<html|<!doctype|<pre/i);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\/tmp\/|rustpunt-local-|\.ts\b|\.js\b/);
  expect(text).not.toMatch(/TypeError|SyntaxError|ReferenceError|Unexpected token|AskSdk|stack/i);
}

/** POSTs with node:http, streaming the body in chunks with no content-length (as a proxy or a client may). */
function postChunked(url: string, chunks: number, chunkBytes: number, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "transfer-encoding": "chunked", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(chunkBytes, "a");
    let sent = 0;
    const write = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("npm run skill:local", () => {
  let url: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const skill = createAlexaSkillFromEnv(
      { CATALOG_FILE: catalogFile, STATE_DIR: path.join(dir, "alexa-state") },
      { requireSkillId: false, defaultAudioBaseUrl: "http://localhost:3000/audio/", allowLocalHttp: true, log: () => {} },
    );
    url = await start(createAlexaLocalServer({ skill, distDir: dir, verify: false, log: (line) => logged.push(line) }));
  });

  const post = (body: string | object, headers: Record<string, string> = {}) =>
    fetch(`${url}/`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("answers a LaunchRequest and an IntentRequest with the skill's response", async () => {
    const launch = await post(LAUNCH, { "content-type": "application/json" });
    expect(launch.status).toBe(200);
    const envelope = (await launch.json()) as { version: string; response: { outputSpeech: { ssml: string } } };
    expect(envelope.version).toBe("1.0");
    expect(envelope.response.outputSpeech.ssml).toContain("Rustpunt");

    const intent = { ...LAUNCH, request: { type: "IntentRequest", requestId: "amzn1.echo-api.request.2", timestamp: "2026-01-01T20:00:05Z", locale: "nl-NL", intent: { name: "TipIntent", confirmationStatus: "NONE" } } };
    // curl -d sends application/x-www-form-urlencoded: the body is read as JSON all the same.
    const tip = await post(intent, { "content-type": "application/x-www-form-urlencoded" });
    expect(tip.status).toBe(200);
    expect(((await tip.json()) as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml).toMatch(/^<speak>/);
  });

  it.each([
    ["not JSON", "hello", "the body is not JSON"],
    ["JSON that is not an object", "[1,2]", "the body must be a JSON object"],
    ["an empty object", "{}", "`version` is missing"],
    ["no request.type", { ...LAUNCH, request: { requestId: "r", timestamp: "t" } }, "`request.type` is missing"],
    ["request.type not a string", { ...LAUNCH, request: { ...LAUNCH.request, type: 42 } }, "`request.type` must be a string"],
    ["request as a string", { ...LAUNCH, request: "LaunchRequest" }, "`request` must be an object"],
    ["no context", { version: "1.0", request: LAUNCH.request }, "`context` is missing"],
    ["context without a user", { ...LAUNCH, context: { System: { application: { applicationId: "a" } } } }, "`context.System.user` is missing"],
    ["an IntentRequest without an intent", { ...LAUNCH, request: { ...LAUNCH.request, type: "IntentRequest" } }, "`request.intent` is missing"],
    ["an intent without a name", { ...LAUNCH, request: { ...LAUNCH.request, type: "IntentRequest", intent: {} } }, "`request.intent.name`"],
  ])("answers %s with 400 and a short JSON message", async (_what, body, message) => {
    const res = await post(body);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((JSON.parse(text) as { error: string }).error).toContain(message);
    expectNoInternals(text);
  });

  it("answers a body over 128 KB with 413, whether it says its length or streams it", async () => {
    const declared = await post("x".repeat(MAX_ALEXA_BODY_BYTES + 1));
    const text = await declared.text();
    expect(declared.status).toBe(413);
    expect(JSON.parse(text)).toEqual({ error: "request body over 128 KB: not an Alexa request" });
    // 4 MB in chunks: the answer arrives whole, not as a reset connection.
    const streamed = await postChunked(`${url}/`, 64, 64 * 1024);
    expect(streamed.status).toBe(413);
    expectNoInternals(streamed.text);
    // And the server still answers the next request.
    expect((await post(LAUNCH)).status).toBe(200);
  });

  it("answers other paths and methods in JSON, never with Express's HTML error page", async () => {
    const cases: [string, RequestInit, number][] = [
      ["/", { method: "GET" }, 405],
      ["/nope", { method: "POST", body: "{}" }, 404],
      ["/audio/missing.mp3", { method: "GET" }, 404],
      ["/audio/%E0%A4%A", { method: "GET" }, 404],
      ["/audio/..%2f..%2fpackage.json", { method: "GET" }, 404],
    ];
    for (const [p, init, status] of cases) {
      const res = await fetch(`${url}${p}`, init);
      const text = await res.text();
      expect(res.status, p).toBe(status);
      expect(res.headers.get("content-type"), p).toMatch(/^application\/json/);
      expectNoInternals(text);
    }
    const audio = await fetch(`${url}/audio/hello.txt`);
    expect(audio.status).toBe(200);
    expect(await audio.text()).toBe("hello\n");
  });

  it("keeps a failing skill's error in the terminal, not in the answer", async () => {
    const broken = createAlexaLocalServer({
      skill: { invoke: () => Promise.reject(new Error(`ENOENT: no such file ${dir}/secret.json`)) } as never,
      distDir: dir,
      verify: false,
      log: (line) => logged.push(line),
    });
    const res = await fetch(`${await start(broken)}/`, { method: "POST", body: JSON.stringify(LAUNCH) });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: "the skill could not answer this request" });
    expectNoInternals(text);
    expect(logged.join("\n")).toContain("ENOENT");
  });

  it("refuses unsigned requests when signatures are checked, without saying more", async () => {
    const skill = createAlexaSkillFromEnv({ CATALOG_FILE: catalogFile, STATE_DIR: path.join(dir, "alexa-state") }, { requireSkillId: false, defaultAudioBaseUrl: "http://localhost:3000/audio/", allowLocalHttp: true, log: () => {} });
    const checked = await start(createAlexaLocalServer({ skill, distDir: dir, verify: true, log: () => {} }));
    for (const body of [JSON.stringify(LAUNCH), "not json"]) {
      const res = await fetch(`${checked}/`, { method: "POST", body });
      const text = await res.text();
      expect(res.status).toBe(400);
      expect((JSON.parse(text) as { error: string }).error).toMatch(/could not be verified/);
      expectNoInternals(text);
    }
  });
});

describe("npm run google:local", () => {
  let url: string;
  const WELCOME = {
    responseId: "local-1",
    session: "projects/rustpunt/agent/sessions/local-1",
    queryResult: { queryText: "hallo", languageCode: "nl", intent: { displayName: "Default Welcome Intent" }, parameters: {} },
    originalDetectIntentRequest: { source: "google", version: "2", payload: {} },
  };

  beforeAll(async () => {
    const handler = createWebhookHandler({
      env: { GOOGLE_WEBHOOK_SECRET: SECRET, AUDIO_BASE_URL: "https://audio.rustpunt.invalid/", CATALOG_FILE: catalogFile, STATE_DIR: path.join(dir, "google-state") },
      log: () => {},
    });
    url = await start(createGoogleLocalServer({ handler, log: () => {} }));
  });

  const post = (body: string | object, headers: Record<string, string> = { "x-rustpunt-secret": SECRET }) =>
    fetch(`${url}/`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("answers a WebhookRequest as the deployed webhook does", async () => {
    const res = await post(WELCOME);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { fulfillmentText: string; payload: { google: { richResponse: { items: { simpleResponse?: { textToSpeech: string } }[] } } } };
    expect(body.fulfillmentText).toContain("Rustpunt");
    expect(body.payload.google.richResponse.items[0]?.simpleResponse?.textToSpeech).toMatch(/^<speak>/);

    const start = { ...WELCOME, responseId: "local-2", queryResult: { queryText: "doe de korte ademhaling", languageCode: "nl", intent: { displayName: "start_exercise" }, parameters: { exercise: "ademhaling", length: "short" } } };
    const started = (await (await post(start)).json()) as { fulfillmentText: string };
    expect(started.fulfillmentText).toMatch(/Rustig ademen/);
  });

  it.each([
    ["no secret", WELCOME, {}, 401],
    ["a wrong secret", WELCOME, { "x-rustpunt-secret": "wrong-secret-0123456789" }, 401],
    ["not JSON", "hello", undefined, 400],
    ["JSON that is no WebhookRequest", { queryResult: "hallo" }, undefined, 400],
    ["no queryResult", { responseId: "r", session: "s" }, undefined, 400],
  ])("answers %s with %i and nothing more", async (_what, body, headers, status) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(await res.text()).toBe("");
  });

  it("answers a body over 64 KB with 413, streamed or not, and 401 first without the secret", async () => {
    const big = "x".repeat(64 * 1024 + 1);
    expect((await post(big)).status).toBe(413);
    expect((await post(big, {})).status).toBe(401);
    const streamed = await postChunked(`${url}/`, 64, 64 * 1024, { "x-rustpunt-secret": SECRET });
    expect(streamed).toEqual({ status: 413, text: "" });
    expect((await post(WELCOME)).status).toBe(200);
  });

  it("answers other methods with 405", async () => {
    const res = await fetch(`${url}/`, { headers: { "x-rustpunt-secret": SECRET } });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("the npm scripts and the README's examples", () => {
  /** Starts `npm run <script>`'s command (tsx, without npm's banner) and waits for its first line. */
  async function run(script: string, env: NodeJS.ProcessEnv): Promise<{ url: string; output: () => string }> {
    const pkg = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const [bin, ...args] = pkg.scripts[script]!.split(" ");
    const child = spawn(path.join(REPO, "node_modules/.bin", bin!), args, { cwd: REPO, env: { ...process.env, ...env, PORT: "0" } });
    children.push(child);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start: ${output}`)), 60_000);
      child.stdout.on("data", () => {
        const m = /on http:\/\/localhost:(\d+)\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once("exit", (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
    });
    return { url: `http://127.0.0.1:${port}/`, output: () => output };
  }

  /** The JSON after `-d '` in the README's curl example that follows `marker`. */
  async function readmeExample(marker: string): Promise<{ headers: Record<string, string>; body: string }[]> {
    const readme = await readFile(path.join(REPO, "README.md"), "utf8");
    const block = readme.slice(readme.indexOf(marker));
    const code = /```sh\n([\s\S]*?)```/.exec(block)![1]!;
    return [...code.matchAll(/curl [^\n]*?((?: -H (?:'[^']+'|"[^"]+"))*) -d '([^']+)'/g)].map((m) => ({
      headers: Object.fromEntries([...m[1]!.matchAll(/-H ['"]([^:]+): ([^'"]+)['"]/g)].map((h) => [h[1]!.toLowerCase(), h[2]!.replace("$GOOGLE_WEBHOOK_SECRET", SECRET)])),
      body: m[2]!,
    }));
  }

  it("skill:local answers the README's LaunchRequest and IntentRequest", async () => {
    const examples = await readmeExample("<!-- skill:local example -->");
    expect(examples.length).toBe(2);
    const server = await run("skill:local", { ALEXA_VERIFY_REQUESTS: "0", CATALOG_FILE: catalogFile, STATE_DIR: path.join(dir, "cli-alexa"), AUDIO_BASE_URL: "http://localhost:3000/audio/" });
    for (const { headers, body } of examples) {
      expect(JSON.parse(body)).toHaveProperty("request.type");
      const res = await fetch(server.url, { method: "POST", headers, body });
      expect(res.status, server.output()).toBe(200);
      expect(((await res.json()) as { response: object }).response).toBeDefined();
    }
  });

  it("google:local answers the README's welcome and start requests", async () => {
    const examples = await readmeExample("<!-- google:local example -->");
    expect(examples.length).toBe(2);
    const server = await run("google:local", { GOOGLE_WEBHOOK_SECRET: SECRET, CATALOG_FILE: catalogFile, STATE_DIR: path.join(dir, "cli-google") });
    for (const { headers, body } of examples) {
      expect(headers["x-rustpunt-secret"]).toBe(SECRET);
      const res = await fetch(server.url, { method: "POST", headers, body });
      expect(res.status, server.output()).toBe(200);
      expect(((await res.json()) as { fulfillmentText: string }).fulfillmentText).toMatch(/\w/);
    }
  });
});
