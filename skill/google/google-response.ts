// The core's ResponsePlan as an Actions on Google rich response. Google's rules (Dialogflow ES
// fulfillment, Actions on Google v2 conversation webhook format):
// - a media response must follow a simple response, and a response that keeps the conversation
//   open needs suggestion chips; the conversation stays open while the track plays so Google
//   sends actions_intent_MEDIA_STATUS when it ends;
// - a simple response's display text is at most 640 characters; chips at most 8, 25 characters each;
// - the catalog's Alexa SSML uses only <speak>, <s>, <prosody rate>, <break time ≤ 10s>, which
//   Google's SSML supports as well (audio-builder/ssml/render-assistant.ts renders it for both).
import type { SkillCatalog, SkillCatalogTrack } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { Locale, ResponsePlan } from "../core/conversation-types.js";
import { parseToken } from "../core/playback-token.js";
import { escapeSpeech } from "../core/ssml-text.js";
import { Image, MediaObject, SimpleResponse, Suggestions } from "actions-on-google/dist/service/actionssdk/conversation/response/index.js";
import type { DialogflowConversation } from "actions-on-google/dist/service/dialogflow/index.js";
import { googlePhrasesFor } from "./google-phrases.js";

export const MAX_DISPLAY_TEXT = 640;
export const MAX_CHIPS = 8;
export const MAX_CHIP_LENGTH = 25;

export interface RenderContext {
  catalog: SkillCatalog;
  audioBaseUrl: string;
  artUrl?: string;
  locale: Locale;
}

// Only the response-building methods are used; any conversation type will do.
type Conv = Pick<DialogflowConversation, "ask" | "close" | "noInputs">;

export function renderPlan(conv: Conv, plan: ResponsePlan, ctx: RenderContext, fallbackSpeech: string): void {
  const speech = plan.speech ?? (plan.play ? escapeSpeech(plan.play.title) : fallbackSpeech);
  const simple = simpleResponse(speech);

  const track = plan.play ? playedTrack(ctx.catalog, plan.play.token, plan.play.trackId, ctx.locale) : undefined;
  if (plan.play && track) {
    conv.ask(simple);
    conv.ask(mediaObject(track, plan.play.title, plan.play.subtitle, ctx));
    conv.ask(new Suggestions(chips(googlePhrasesFor(ctx.locale).playing)));
    return;
  }
  if (plan.endSession) {
    conv.close(simple);
    return;
  }
  conv.ask(simple);
  if (plan.reprompt) conv.noInputs = [`<speak>${plan.reprompt}</speak>`];
  const phrases = googlePhrasesFor(ctx.locale);
  const titles = ctx.catalog.exercises.filter((e) => e.locale === ctx.locale).map((e) => e.title);
  conv.ask(new Suggestions(chips(plan.state.chunk ? phrases.chunks : [...titles, ...phrases.asking])));
}

export function simpleResponse(speechBody: string): SimpleResponse {
  return new SimpleResponse({ speech: `<speak>${speechBody}</speak>`, text: displayText(speechBody) });
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

function playedTrack(catalog: SkillCatalog, token: string, trackId: string, locale: Locale): SkillCatalogTrack | undefined {
  const parsed = parseToken(token);
  const at = parsed?.locale ?? locale;
  return catalog.tracks.find((t) => t.locale === at && t.id === (parsed?.trackId ?? trackId));
}

/**
 * Google plays the download profile (64 kb/s, the quality meant for headphones and speakers) when the catalog has
 * it; the core's PlayInstruction carries the Alexa file, which is also valid MP3 over HTTPS.
 */
export function mediaUrl(track: Pick<SkillCatalogTrack, "files">, audioBaseUrl: string): string {
  const file = (track.files.download as { path?: string } | undefined)?.path ?? track.files.alexa.path;
  return `${audioBaseUrl.replace(/\/+$/, "")}/${file.replace(/^\/+/, "")}`;
}

function mediaObject(track: SkillCatalogTrack, title: string, subtitle: string, ctx: RenderContext): MediaObject {
  const art = ctx.artUrl ? new Image({ url: ctx.artUrl, alt: title }) : undefined;
  return new MediaObject({
    url: mediaUrl(track, ctx.audioBaseUrl),
    name: title,
    description: subtitle,
    // Google takes an icon or a large image, not both.
    ...(art ? { image: art } : {}),
  });
}
