// Name-free interaction: Alexa's CanFulfillIntentRequest through the real handler (as lambda.ts
// builds it), with slots resolved the way Alexa resolves them against the committed en-US model,
// and the model's `_nameFreeInteraction` container checked against Alexa's rules.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RequestEnvelope } from "ask-sdk-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SkillCatalog } from "../audio-builder/catalog/skill-catalog-types.js";
import { loadScriptsOrThrow } from "../audio-builder/model/load-scripts.js";
import type { Locale } from "../audio-builder/model/script-schema.js";
import { buildModel, modelPath } from "../skill/alexa/interaction-model/generate-model.js";
import type { InteractionModel } from "../skill/alexa/interaction-model/model-types.js";
import { MAX_LAUNCH_PHRASES, NAME_FREE, NameFreeError } from "../skill/alexa/interaction-model/name-free.js";
import { alexaHandler, createAlexaSkillFromEnv } from "../skill/alexa/skill-builder.js";
import { SKILL_MANIFEST_FILE } from "../skill/alexa/skill-manifest.js";
import type { StateStore, StoredAttributes } from "../skill/persistence/state-store.js";
import { skillCatalogFromScripts } from "./helpers/catalog-from-scripts.js";
import { fixtureDist } from "./helpers/fixture-dist.js";

const SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555";

/** Counts every touch of storage: a CanFulfillIntentRequest must make none. */
class WatchedStore implements StateStore {
  readonly calls: string[] = [];
  async get(userId: string): Promise<StoredAttributes> {
    this.calls.push(`get ${userId}`);
    return {};
  }
  async save(userId: string): Promise<void> {
    this.calls.push(`save ${userId}`);
  }
  async delete(userId: string): Promise<void> {
    this.calls.push(`delete ${userId}`);
  }
}

let scratch: string;
let catalogFile: string;
let catalog: SkillCatalog;
let models: Record<Locale, InteractionModel>;
const store = new WatchedStore();
const logLines: string[] = [];
let handler: ReturnType<typeof alexaHandler>;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "rustpunt-cfir-"));
  try {
    catalogFile = path.join(fixtureDist(), "skill-catalog.json");
  } catch (error) {
    console.warn(`alexa-can-fulfill: using a catalog built from the scripts: ${(error as Error).message.slice(0, 200)}`);
    catalogFile = path.join(scratch, "skill-catalog.json");
    await writeFile(catalogFile, JSON.stringify(await skillCatalogFromScripts()));
  }
  catalog = JSON.parse(await readFile(catalogFile, "utf8")) as SkillCatalog;
  models = {
    "nl-NL": JSON.parse(await readFile(modelPath("nl-NL"), "utf8")) as InteractionModel,
    "en-US": JSON.parse(await readFile(modelPath("en-US"), "utf8")) as InteractionModel,
  };
  const skill = createAlexaSkillFromEnv(
    { ALEXA_SKILL_ID: SKILL_ID, AUDIO_BASE_URL: "https://audio.rustpunt.test/", CATALOG_FILE: catalogFile, STATE_DIR: path.join(scratch, "state") },
    { requireSkillId: true, store, log: (line) => logLines.push(line) },
  );
  handler = alexaHandler(skill);
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface SlotIn {
  name: string;
  value: string;
  resolutions?: unknown;
}

/**
 * A slot as Alexa sends it: entity resolution against the model's slot type (ER_SUCCESS_MATCH with
 * the value's name and id when the words are its value or a synonym, ER_SUCCESS_NO_MATCH otherwise).
 */
function slot(locale: Locale, name: string, type: string, value: string): SlotIn {
  if (type.startsWith("AMAZON.")) return { name, value };
  const slotType = models[locale].interactionModel.languageModel.types.find((t) => t.name === type)!;
  const hit = slotType.values.find((v) => v.name.value === value || (v.name.synonyms ?? []).includes(value));
  const authority = `amzn1.er-authority.echo-sdk.${SKILL_ID}.${type}`;
  return {
    name,
    value,
    resolutions: {
      resolutionsPerAuthority: [
        hit
          ? { authority, status: { code: "ER_SUCCESS_MATCH" }, values: [{ value: { name: hit.name.value, id: hit.id } }] }
          : { authority, status: { code: "ER_SUCCESS_NO_MATCH" } },
      ],
    },
  };
}

const TYPES: Record<string, string> = { exercise: "EXERCISE", length: "LENGTH", ending: "ENDING", minutes: "AMAZON.NUMBER" };

interface Ask {
  intent: string;
  slots?: Record<string, string>;
  locale?: Locale;
  userId?: string | null;
}

/** The documented CanFulfillIntentRequest envelope (no session). userId null: no user at all. */
function cfir(ask: Ask): RequestEnvelope {
  const locale = ask.locale ?? "en-US";
  const slots = Object.fromEntries(Object.entries(ask.slots ?? {}).map(([name, value]) => [name, slot(locale, name, TYPES[name]!, value)]));
  return {
    version: "1.0",
    context: {
      System: {
        application: { applicationId: SKILL_ID },
        ...(ask.userId === null ? {} : { user: { userId: ask.userId ?? "amzn1.ask.account.cfir" } }),
        device: { deviceId: "amzn1.ask.device.cfir", supportedInterfaces: {} },
        apiEndpoint: "https://api.amazonalexa.com",
      },
    },
    request: {
      type: "CanFulfillIntentRequest",
      requestId: "amzn1.echo-api.request.cfir",
      timestamp: "2026-12-03T21:30:00Z",
      locale,
      intent: { name: ask.intent, slots },
    },
  } as unknown as RequestEnvelope;
}

interface CanFulfill {
  canFulfill: string;
  slots?: Record<string, { canUnderstand: string; canFulfill: string }>;
}

async function ask(a: Ask): Promise<{ answer: CanFulfill; response: Record<string, unknown> }> {
  const envelope = await handler(cfir(a));
  const response = envelope.response as unknown as Record<string, unknown>;
  return { answer: response.canFulfillIntent as CanFulfill, response };
}

describe("CanFulfillIntentRequest through the real handler", () => {
  it("says YES to an exercise by its own name, with a length and an ending it offers", async () => {
    const { answer } = await ask({ intent: "StartExerciseIntent", slots: { exercise: "calm breathing", length: "short", ending: "in bed" } });
    expect(answer).toEqual({
      canFulfill: "YES",
      slots: {
        exercise: { canUnderstand: "YES", canFulfill: "YES" },
        length: { canUnderstand: "YES", canFulfill: "YES" },
        ending: { canUnderstand: "YES", canFulfill: "YES" },
      },
    });
  });

  it("says YES to a request for an exercise without naming one (Rustpunt asks which)", async () => {
    expect((await ask({ intent: "StartExerciseIntent" })).answer).toEqual({ canFulfill: "YES" });
  });

  it("says MAYBE to a synonym ('breathing exercise', 'a quick one', 'to fall asleep')", async () => {
    const { answer } = await ask({ intent: "StartExerciseIntent", slots: { exercise: "breathing exercise", length: "a quick one", ending: "to fall asleep" } });
    expect(answer.canFulfill).toBe("MAYBE");
    expect(answer.slots).toEqual({
      exercise: { canUnderstand: "MAYBE", canFulfill: "YES" },
      length: { canUnderstand: "MAYBE", canFulfill: "YES" },
      ending: { canUnderstand: "MAYBE", canFulfill: "YES" },
    });
  });

  it("says MAYBE to a name Alexa did not resolve but Rustpunt's own matcher knows ('buikademhaling')", async () => {
    const { answer } = await ask({ intent: "StartExerciseIntent", locale: "nl-NL", slots: { exercise: "die buik ademhaling" } });
    expect(answer).toEqual({ canFulfill: "MAYBE", slots: { exercise: { canUnderstand: "MAYBE", canFulfill: "YES" } } });
  });

  it("says NO to an exercise it does not have, and NO to an ending word it does not know", async () => {
    expect((await ask({ intent: "StartExerciseIntent", slots: { exercise: "hot yoga" } })).answer).toEqual({
      canFulfill: "NO",
      slots: { exercise: { canUnderstand: "NO", canFulfill: "NO" } },
    });
    const { answer } = await ask({ intent: "StartExerciseIntent", slots: { exercise: "body scan", ending: "on the moon" } });
    expect(answer.canFulfill).toBe("MAYBE");
    expect(answer.slots?.ending).toEqual({ canUnderstand: "NO", canFulfill: "NO" });
  });

  it("judges minutes against the durations the catalog really has", async () => {
    const track = catalog.tracks.find((t) => t.locale === "en-US" && t.exercise === "bodyscan")!;
    const near = String(Math.max(1, Math.round(track.durationMs / 60_000)));
    expect((await ask({ intent: "StartExerciseIntent", slots: { exercise: "body scan", minutes: near } })).answer).toEqual({
      canFulfill: "YES",
      slots: { exercise: { canUnderstand: "YES", canFulfill: "YES" }, minutes: { canUnderstand: "YES", canFulfill: "YES" } },
    });
    const longest = Math.max(...catalog.tracks.filter((t) => t.exercise === "bodyscan").map((t) => t.durationMs));
    const far = String(Math.round((longest * 3) / 60_000) + 10);
    const { answer } = await ask({ intent: "StartExerciseIntent", slots: { exercise: "body scan", minutes: far } });
    expect(answer.canFulfill).toBe("MAYBE");
    expect(answer.slots?.minutes).toEqual({ canUnderstand: "YES", canFulfill: "NO" });
    const nonsense = await ask({ intent: "StartExerciseIntent", slots: { minutes: "?" } });
    expect(nonsense.answer.slots?.minutes).toEqual({ canUnderstand: "NO", canFulfill: "NO" });
  });

  it("says YES to every info piece and to the list of exercises", async () => {
    for (const intent of ["WhyIntent", "TipIntent", "RestMomentsIntent", "SeekHelpIntent", "ListExercisesIntent"]) {
      expect((await ask({ intent })).answer, intent).toEqual({ canFulfill: "YES" });
    }
  });

  it("says NO to what only makes sense inside a session, to built-in intents and to intents it does not have", async () => {
    for (const intent of ["ContinueIntent", "AMAZON.StopIntent", "AMAZON.ResumeIntent", "OrderPizzaIntent"]) {
      expect((await ask({ intent })).answer, intent).toEqual({ canFulfill: "NO" });
    }
  });

  it("says NO to a malformed request (no intent, slots of the wrong shape) instead of failing", async () => {
    const envelope = cfir({ intent: "StartExerciseIntent" });
    const bare = { ...envelope, request: { ...envelope.request, intent: undefined } } as unknown as RequestEnvelope;
    expect((await handler(bare)).response).toEqual({ canFulfillIntent: { canFulfill: "NO" } });
    const odd = { ...envelope, request: { ...envelope.request, intent: { name: "StartExerciseIntent", slots: { exercise: { name: "exercise", value: 42 } } } } };
    expect((await handler(odd as unknown as RequestEnvelope)).response.canFulfillIntent?.canFulfill).toBe("YES");
  });

  it("answers without a user, and changes nothing: no speech, no player, no card, no state read or written", async () => {
    const before = store.calls.length;
    const { answer, response } = await ask({ intent: "StartExerciseIntent", slots: { exercise: "visualization" }, userId: null });
    expect(answer.canFulfill).toBe("YES");
    expect(Object.keys(response)).toEqual(["canFulfillIntent"]);
    await ask({ intent: "TipIntent" });
    await ask({ intent: "StartExerciseIntent", slots: { exercise: "hot yoga" } });
    expect(store.calls.slice(before)).toEqual([]);
    await expect(readdir(path.join(scratch, "state"))).rejects.toThrow();
    // The log says what kind of request came in, never who asked.
    expect(logLines.some((l) => l.includes("CanFulfillIntentRequest StartExerciseIntent en-US"))).toBe(true);
    expect(logLines.join("\n")).not.toContain("amzn1.ask.account");
  });

  it("still reads and writes state for an ordinary request (the watch above can fail)", async () => {
    const before = store.calls.length;
    await handler({ ...cfir({ intent: "TipIntent" }), request: { type: "LaunchRequest", requestId: "r", timestamp: "2026-12-03T21:30:00Z", locale: "en-US" } } as unknown as RequestEnvelope);
    expect(store.calls.slice(before).some((c) => c.startsWith("get "))).toBe(true);
  });
});

describe("name-free interaction in the model and the manifest", () => {
  it("gives en-US skill launch and intent launch phrases by Alexa's rules, and nl-NL none", () => {
    expect(models["nl-NL"].interactionModel._nameFreeInteraction).toBeUndefined();
    const nfi = models["en-US"].interactionModel._nameFreeInteraction!;
    const intents = models["en-US"].interactionModel.languageModel.intents.map((i) => i.name);
    const launch = nfi.ingressPoints.filter((p) => p.type === "LAUNCH");
    expect(launch).toHaveLength(1);
    expect(launch[0]!.name).toBeUndefined();
    expect(launch[0]!.sampleUtterances.length).toBeGreaterThan(0);
    expect(launch[0]!.sampleUtterances.length).toBeLessThanOrEqual(MAX_LAUNCH_PHRASES);
    const intentPoints = nfi.ingressPoints.filter((p) => p.type === "INTENT");
    expect(intentPoints.map((p) => p.name)).toEqual(expect.arrayContaining(["StartExerciseIntent", "WhyIntent", "TipIntent", "RestMomentsIntent", "SeekHelpIntent"]));
    for (const point of nfi.ingressPoints) {
      if (point.type === "INTENT") expect(intents).toContain(point.name);
      for (const u of point.sampleUtterances) {
        expect(u.format).toBe("RAW_TEXT");
        expect(u.value, "no slots, digits or punctuation").toMatch(/^[a-z']+( [a-z']+)*$/);
        expect(u.value.split(" ").length, `"${u.value}" is a complete phrase`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("refuses a sixth skill launch phrase or a phrase with a slot, naming the file", async () => {
    const scripts = await loadScriptsOrThrow();
    const phrases = NAME_FREE["en-US"]!;
    const launch = [...phrases.launch];
    try {
      phrases.launch.push("let me breathe slowly now");
      while (phrases.launch.length <= MAX_LAUNCH_PHRASES) phrases.launch.push(`help me rest number ${"x".repeat(phrases.launch.length)}`);
      expect(() => buildModel("en-US", scripts)).toThrow(NameFreeError);
      expect(() => buildModel("en-US", scripts)).toThrow(/name-free\.ts: en-US has \d skill launch phrases; Alexa allows at most 5/);
      phrases.launch.splice(0, phrases.launch.length, ...launch.slice(0, 4), "start the {exercise}");
      expect(() => buildModel("en-US", scripts)).toThrow(/no \{slots\}/);
    } finally {
      phrases.launch.splice(0, phrases.launch.length, ...launch);
    }
    expect(() => buildModel("en-US", scripts)).not.toThrow();
  });

  it("declares the CanFulfillIntentRequest interface in the manifest", async () => {
    const manifest = JSON.parse(await readFile(SKILL_MANIFEST_FILE, "utf8")) as { manifest: { apis: { custom: { interfaces: { type: string }[] } } } };
    expect(manifest.manifest.apis.custom.interfaces.map((i) => i.type)).toEqual(expect.arrayContaining(["AUDIO_PLAYER", "CAN_FULFILL_INTENT_REQUEST"]));
  });
});
