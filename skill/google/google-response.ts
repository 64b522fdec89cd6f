// The core's ResponsePlan as an Actions on Google rich response. Google's rules (Dialogflow ES
// fulfillment, Actions on Google v2 conversation webhook format):
// - a media response must follow a simple response, and a response that keeps the conversation
//   open needs suggestion chips; the conversation stays open while the track plays so Google
//   sends actions_intent_MEDIA_STATUS when it ends;
// - a simple response's display text is at most 640 characters; chips at most 8, 25 characters each;
// - the catalog's Alexa SSML uses only <speak>, <s>, <prosody rate>, <break time ≤ 10s>, which
//   Google's SSML supports as well (audio-builder/ssml/render-assistant.ts renders it for both).
// Everything comes from the plan: the track's URL, title and words; nothing is looked up again.
import type { Locale, ResponsePlan } from "../core/conversation-types.js";
import { phrasesFor } from "../core/phrases.js";
import { escapeSpeech } from "../core/ssml-text.js";
import { Image, MediaObject, SimpleResponse, Suggestions } from "actions-on-google/dist/service/actionssdk/conversation/response/index.js";
import type { DialogflowConversation } from "actions-on-google/dist/service/dialogflow/index.js";
import { googlePhrasesFor } from "./google-phrases.js";

export const MAX_DISPLAY_TEXT = 640;
export const MAX_CHIPS = 8;
export const MAX_CHIP_LENGTH = 25;

export interface RenderContext {
  locale: Locale;
  /** The exercise titles, offered as chips when the conversation waits for a choice. */
  titles: string[];
}

// Only the response-building methods are used; any conversation type will do.
type Conv = Pick<DialogflowConversation, "ask" | "close" | "noInputs">;

export function renderPlan(conv: Conv, plan: ResponsePlan, ctx: RenderContext): void {
  const phrases = googlePhrasesFor(ctx.locale);
  if (plan.play) {
    conv.ask(simpleResponse(plan.speech ?? plan.play.speechFallback));
    const art = plan.play.artUrl ? new Image({ url: plan.play.artUrl, alt: plan.play.title }) : undefined;
    conv.ask(
      new MediaObject({
        url: plan.play.urls.download,
        name: plan.play.title,
        description: plan.play.subtitle,
        // Google takes an icon or a large image, not both.
        ...(art ? { image: art } : {}),
      }),
    );
    // Falling asleep: one quiet button, no invitation to more.
    conv.ask(new Suggestions(chips(plan.play.sleep ? phrases.playing.slice(0, 1) : phrases.playing)));
    return;
  }
  if (plan.endSession) {
    // Google closes only with words on the screen; when the core chose silence (at night), the
    // goodbye is shown and nothing is spoken.
    conv.close(plan.speech ? simpleResponse(plan.speech) : silentResponse(escapeSpeech(phrasesFor(ctx.locale).goodbye)));
    return;
  }
  conv.ask(simpleResponse(plan.speech ?? escapeSpeech(phrasesFor(ctx.locale).anythingElse)));
  if (plan.reprompt) conv.noInputs = [`<speak>${plan.reprompt}</speak>`];
  const labels = plan.awaiting === "continue" ? phrases.chunks : plan.awaiting === "another" ? phrases.another : [...ctx.titles, ...phrases.asking];
  conv.ask(new Suggestions(chips(labels)));
}

export function simpleResponse(speechBody: string): SimpleResponse {
  return new SimpleResponse({ speech: `<speak>${speechBody}</speak>`, text: displayText(speechBody) });
}

function silentResponse(shownBody: string): SimpleResponse {
  return new SimpleResponse({ speech: '<speak><break time="100ms"/></speak>', text: displayText(shownBody) });
}

/** Screens show the words without markup, shortened to Google's 640 characters. */
export function displayText(ssmlBody: string): string {
  const plain = ssmlBody
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .replace(/\s+([.,!?;:])/g, "$1")
    .trim();
  if (plain.length <= MAX_DISPLAY_TEXT) return plain;
  const cut = plain.slice(0, MAX_DISPLAY_TEXT - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > MAX_DISPLAY_TEXT / 2 ? cut.slice(0, space) : cut}…`;
}

function chips(labels: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of labels) {
    const chip = label.length <= MAX_CHIP_LENGTH ? label : `${label.slice(0, MAX_CHIP_LENGTH - 1)}…`;
    if (!seen.has(chip)) {
      seen.add(chip);
      out.push(chip);
    }
  }
  return out.slice(0, MAX_CHIPS);
}
