// Info pieces (reasons, tips) as SSML: the whole piece, and each item on its own so the skill
// can speak one at a time.
import type { InfoScript } from "../model/script-schema.js";
import { assistant } from "./render-assistant.js";
import { azure } from "./render-azure.js";
import type { SsmlPlatform } from "./ssml-platform.js";
import type { SsmlTarget } from "./ssml-target.js";

/** After the intro and between items: time to let a point land. */
export const INFO_ITEM_PAUSE_MS = 1200;
/** Between an item's title and its text. */
export const INFO_TITLE_PAUSE_MS = 500;

const PLATFORMS: Record<SsmlTarget, SsmlPlatform> = { alexa: assistant, google: assistant, azure };

export function renderInfoSsml(info: InfoScript, target: SsmlTarget): { whole: string; items: string[] } {
  const platform = PLATFORMS[target];
  const say = platform.pieces(info.locale);
  const shape = platform.document(info.locale);
  const document = (body: string) => {
    const doc = shape.wrap(body);
    if (shape.size(doc) > shape.maxSize) {
      throw new Error(`info "${info.id}" (${info.locale}) is ${shape.size(doc)} long as ${target} SSML, over ${shape.maxSize}: shorten its items`);
    }
    return doc;
  };
  const item = (i: InfoScript["items"][number]) =>
    say.speech(i.title, "normal") + say.silence(INFO_TITLE_PAUSE_MS) + say.speech(i.text, "normal");

  const parts = [say.speech(info.intro, "normal"), ...info.items.map(item)];
  if (info.outro !== undefined) parts.push(say.speech(info.outro, "normal"));
  return {
    whole: document(parts.join(say.silence(INFO_ITEM_PAUSE_MS))),
    items: info.items.map((i) => document(item(i))),
  };
}
