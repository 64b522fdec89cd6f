// Alexa's CanFulfillIntentRequest (name-free interaction, en-US): before routing "Alexa, I want to
// do a breathing exercise" to a skill, Alexa asks whether it can do exactly that. The answer must
// change nothing and be heard by nobody: no speech, no player, no state read or written (it never
// reaches the core's turn loop), and it must work without a user id.
import { getRequestType, type HandlerInput, type RequestHandler } from "ask-sdk-core";
import type { canfulfill, Response, Slot } from "ask-sdk-model";
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import { canFulfil, type FulfilSlotName, type HeardSlot } from "../core/can-fulfill.js";
import { intentByAlexaName } from "../grammar/intents.js";
import { CAN_FULFILL_REQUEST, resolveLocale } from "./interceptors.js";

const SLOT_NAMES: readonly FulfilSlotName[] = ["exercise", "length", "ending", "minutes"];

export function createCanFulfillHandler(catalog: SkillCatalog): RequestHandler {
  return {
    canHandle: (input) => getRequestType(input.requestEnvelope) === CAN_FULFILL_REQUEST,
    handle: (input) => answerCanFulfill(input, catalog),
  };
}

function answerCanFulfill(input: HandlerInput, catalog: SkillCatalog): Response {
  const request = input.requestEnvelope.request as canfulfill.CanFulfillIntentRequest;
  const slots = request.intent?.slots ?? {};
  const heard: Partial<Record<FulfilSlotName, HeardSlot>> = {};
  for (const name of SLOT_NAMES) {
    const slot = slots[name];
    if (slot) heard[name] = heardSlot(slot);
  }
  const intentName = typeof request.intent?.name === "string" ? request.intent.name : "";
  const answer = canFulfil(catalog, resolveLocale(request.locale), intentByAlexaName(intentName), heard);
  const slotAnswers: Record<string, canfulfill.CanFulfillSlot> = {};
  for (const [name, fit] of Object.entries(answer.slots)) {
    slotAnswers[name] = { canUnderstand: fit.understand, canFulfill: fit.fulfil };
  }
  return input.responseBuilder
    .withCanFulfillIntent({ canFulfill: answer.fit, ...(Object.keys(slotAnswers).length > 0 ? { slots: slotAnswers } : {}) })
    .getResponse();
}

/** Alexa's entity resolution, when it matched, names our value id; its name tells value from synonym. */
function heardSlot(slot: Slot): HeardSlot {
  const heard = typeof slot.value === "string" ? slot.value.trim() : undefined;
  const result: HeardSlot = heard ? { heard } : {};
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    const value = authority.status?.code === "ER_SUCCESS_MATCH" ? authority.values?.[0]?.value : undefined;
    if (value?.id) {
      result.resolvedId = value.id;
      result.exactName = heard !== undefined && value.name?.toLowerCase() === heard.toLowerCase();
      break;
    }
  }
  return result;
}
