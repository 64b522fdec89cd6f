// The Dialogflow ES fulfillment app: Dialogflow intents in, the conversation core's plan out.
// Imported by its own path: the package root (actions-on-google/dist/index.js) also loads the
// smarthome service, which requires `googleapis` (tens of megabytes) at load time.
import { randomUUID } from "node:crypto";
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import {
  dialogflow,
  type DialogflowApp,
  type DialogflowConversation,
  type Contexts,
} from "actions-on-google/dist/service/dialogflow/index.js";
import type { CoreIntent, Locale, PlaybackReport, TurnRequest } from "../core/conversation-types.js";
import { escapeSpeech } from "../core/ssml-text.js";
import type { Core } from "../core/turn-loop.js";
import { REMINDER_AGENT_INTENTS } from "./agent/agent-phrases-reminders.js";
import { googlePhrasesFor } from "./google-phrases.js";
import { isAnonymousId, localeOf, slotsOf, stateKey, type GoogleUserStorage } from "./google-request.js";
import { renderPlan, simpleResponse } from "./google-response.js";

/** Dialogflow intent display names (skill/google/agent) → the core's intents. */
export const INTENT_MAP: Readonly<Record<string, CoreIntent>> = {
  "Default Welcome Intent": "Launch",
  start_exercise: "StartExercise",
  list_exercises: "ListExercises",
  why: "Why",
  tip: "Tip",
  rest_moments: "RestMoments",
  seek_help: "SeekHelp",
  help: "Help",
  stop: "Stop",
  cancel: "Cancel",
  continue: "Continue",
  // Answers to "nog eentje?" / "another one?" and other short questions.
  yes: "Yes",
  no: "No",
  "Default Fallback Intent": "Fallback",
  ...REMINDER_AGENT_INTENTS, // issue 17: reminders (answered honestly: no reminders API) and the look back
};

/** Triggered by the actions_intent_MEDIA_STATUS event when a media response stops. */
export const MEDIA_STATUS_INTENT = "media_status";

const MEDIA_CAPABILITY = "actions.capability.MEDIA_RESPONSE_AUDIO";

export interface GoogleAppOptions {
  /** The conversation core, with the state store it loads and saves each turn through. */
  core: Core;
  /** For the suggestion chips only (exercise titles). */
  catalog: SkillCatalog;
  /** One line per event for the operator; never user data. */
  log?: (line: string) => void;
}

type Conv = DialogflowConversation<Record<string, never>, GoogleUserStorage, Contexts>;
export type GoogleApp = DialogflowApp<Record<string, never>, GoogleUserStorage, Contexts, Conv>;

export function createDialogflowApp(options: GoogleAppOptions): GoogleApp {
  const log = options.log ?? ((line: string) => console.log(line));
  // No clientId (no Google Sign-In) and no verification option: the Lambda entry checks the
  // secret header before this app sees a request (see webhook-secret.ts).
  const app = dialogflow<Record<string, never>, GoogleUserStorage, Contexts, Conv>({ debug: false });

  const turn = async (conv: Conv, intent: CoreIntent, playback?: PlaybackReport): Promise<void> => {
    const locale = localeOfConv(conv);
    const request: TurnRequest = {
      locale,
      intent,
      slots: intent === "StartExercise" ? slotsOf(conv.parameters) : {},
      device: { audioPlayer: conv.surface.capabilities.has(MEDIA_CAPABILITY) },
      // "Talk to Rustpunt (about ...)": a new conversation, however it starts. Integrations other
      // than Google send no conversation type; their welcome still starts one.
      newSession: conv.type === "NEW" || intent === "Launch",
      userKey: stateKey(anonymousId(conv)),
    };
    if (playback) request.playback = playback;
    const plan = await options.core.turn(request);
    if (plan.log) log(`google: ${plan.log}`);
    renderPlan(conv, plan, { locale, titles: titlesOf(options.catalog, locale) });
  };

  for (const [name, intent] of Object.entries(INTENT_MAP)) app.intent(name, (conv) => turn(conv, intent));

  // Google's media status names no track: the core takes the one it started last.
  app.intent(MEDIA_STATUS_INTENT, (conv) => {
    const status = (conv.arguments.get("MEDIA_STATUS") as { status?: string } | undefined)?.status;
    if (status === "FAILED") return turn(conv, "PlaybackFailed", { token: "", offsetMs: 0, error: "media status FAILED" });
    return turn(conv, status === "FINISHED" ? "PlaybackFinished" : "Stop");
  });

  // An intent this version does not know (an agent newer than the code): the core's fallback.
  app.fallback((conv) => turn(conv, "Fallback"));

  app.catch((conv, error: unknown) => {
    log(`google: turn failed (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`.slice(0, 400));
    conv.close(simpleResponse(escapeSpeech(googlePhrasesFor(localeOfConv(conv)).sorry)));
  });

  return app;
}

function titlesOf(catalog: SkillCatalog, locale: Locale): string[] {
  return catalog.exercises.filter((e) => e.locale === locale).map((e) => e.title);
}

function localeOfConv(conv: Conv): Locale {
  const body = conv.body as { queryResult?: { languageCode?: string } };
  return localeOf(body.queryResult?.languageCode ?? conv.user.locale);
}

/** A random id in Google's user storage: stable per user, says nothing about them. */
function anonymousId(conv: Conv): string {
  const storage = conv.user.storage;
  if (!isAnonymousId(storage.rustpuntId)) storage.rustpuntId = randomUUID();
  return storage.rustpuntId;
}

/**
 * Runs the app on a parsed WebhookRequest. Dialogflow's own integrations other than Google
 * (the simulator, Messenger, telephony) read fulfillmentText, which the library fills only for
 * the simulator: give every response the words of its simple responses.
 */
export async function handleWebhook(
  app: GoogleApp,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }> {
  const result = await app.handler(body, headers);
  const out = result.body as Record<string, unknown>;
  const text = spokenText(out);
  if (text) out.fulfillmentText = text;
  const outHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) outHeaders[name] = Array.isArray(value) ? value.join(", ") : String(value);
  return { status: result.status, headers: outHeaders, body: out };
}

function spokenText(response: Record<string, unknown>): string {
  const google = (response.payload as { google?: { richResponse?: { items?: { simpleResponse?: { displayText?: string } }[] } } } | undefined)?.google;
  return (google?.richResponse?.items ?? [])
    .map((item) => item.simpleResponse?.displayText)
    .filter((t): t is string => typeof t === "string" && t !== "")
    .join(" ");
}
