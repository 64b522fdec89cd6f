// Around every request: resolve the language, load what we remember about the person, and save it
// again after the handler ran. The log says what kind of request came in, never who sent it:
// envelopes carry user IDs, device IDs and API tokens.
import { getRequestType, type HandlerInput, type RequestInterceptor, type ResponseInterceptor } from "ask-sdk-core";
import type { IntentRequest, RequestEnvelope } from "ask-sdk-model";
import type { Locale, UserState } from "../core/conversation-types.js";
import { parseUserState } from "../core/user-state.js";

/** Name-free routing asks before a skill is chosen (answered by can-fulfill-handler.ts). */
export const CAN_FULFILL_REQUEST = "CanFulfillIntentRequest";

/** What the request interceptor hands the handlers through the request attributes. */
export interface TurnContext {
  locale: Locale;
  state: UserState;
  /** The state as loaded, to skip writes that would change nothing but the time stamp. */
  loadedJson: string;
}

const TURN_KEY = "rustpunt.turn";

export type LogLine = (line: string) => void;

/** nl-NL first; any English → en-US; any other language → Dutch, the product's first language. */
export function resolveLocale(raw: string | undefined): Locale {
  if (raw === undefined) return "nl-NL";
  if (/^en(-|_|$)/i.test(raw)) return "en-US";
  return "nl-NL";
}

export function turnContext(input: HandlerInput): TurnContext {
  const turn = input.attributesManager.getRequestAttributes()[TURN_KEY] as TurnContext | undefined;
  // The interceptor always runs first; a handler called without it still gets a sane default.
  return turn ?? { locale: resolveLocale(input.requestEnvelope.request.locale), state: parseUserState({}), loadedJson: "" };
}

/** Handlers call this with the core's plan state; the response interceptor persists it. */
export function rememberState(input: HandlerInput, state: UserState): void {
  const turn = turnContext(input);
  turn.state = state;
  input.attributesManager.setRequestAttributes({ ...input.attributesManager.getRequestAttributes(), [TURN_KEY]: turn });
}

/** One line per request: type, intent and locale only. */
export function describeRequest(envelope: RequestEnvelope): string {
  const type = getRequestType(envelope);
  const intent = type === "IntentRequest" || type === CAN_FULFILL_REQUEST ? ` ${(envelope.request as IntentRequest).intent?.name ?? "-"}` : "";
  return `alexa: ${type}${intent} ${envelope.request.locale ?? "-"}`;
}

export function loadStateInterceptor(log: LogLine): RequestInterceptor {
  return {
    async process(input: HandlerInput): Promise<void> {
      const envelope = input.requestEnvelope;
      log(describeRequest(envelope));
      // Name-free routing's question must change nothing and needs nobody's state (it may come
      // without a user id): no turn, so the response interceptor saves nothing either.
      if (getRequestType(envelope) === CAN_FULFILL_REQUEST) return;
      const locale = resolveLocale(envelope.request.locale);
      let raw: unknown = {};
      try {
        raw = await input.attributesManager.getPersistentAttributes();
      } catch (error) {
        // The persistence layer already forgives a slow or failing store; this catches the rest
        // (e.g. a request without a user id) so the person still gets an answer.
        log(`alexa: could not load state (${errorSummary(error)}); continuing without it`);
      }
      const state = parseUserState(raw);
      const turn: TurnContext = { locale, state, loadedJson: comparable(state) };
      input.attributesManager.setRequestAttributes({ ...input.attributesManager.getRequestAttributes(), [TURN_KEY]: turn });
    },
  };
}

export function saveStateInterceptor(log: LogLine): ResponseInterceptor {
  return {
    async process(input: HandlerInput): Promise<void> {
      const turn = input.attributesManager.getRequestAttributes()[TURN_KEY] as TurnContext | undefined;
      if (!turn || comparable(turn.state) === turn.loadedJson) return;
      try {
        input.attributesManager.setPersistentAttributes({ ...turn.state });
        await input.attributesManager.savePersistentAttributes();
        turn.loadedJson = comparable(turn.state);
      } catch (error) {
        log(`alexa: could not save state (${errorSummary(error)}); the answer goes out anyway`);
      }
    },
  };
}

/** The state without its time stamp: what matters for deciding whether to write. */
function comparable(state: UserState): string {
  const { updatedAt: _ignored, ...rest } = state;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}

export function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
