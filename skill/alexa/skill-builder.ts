// Builds the Alexa skill once per container: catalog, store and core (which owns each turn's
// state), handlers, the logging interceptor.
// Lambda (lambda.ts), the local server (local-server.ts), the tests and the bench all build it here.
import { DefaultApiClient, SkillBuilders, type Skill } from "ask-sdk-core";
import type { RequestEnvelope, ResponseEnvelope } from "ask-sdk-model";
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import { loadCatalog } from "../core/load-catalog.js";
import { createCore } from "../core/turn-loop.js";
import { createStateStore } from "../persistence/create-persistence.js";
import type { StateStore } from "../persistence/state-store.js";
import { createAudioPlayerHandlers } from "./audio-player-handlers.js";
import { createCanFulfillHandler } from "./can-fulfill-handler.js";
import { inLambda, readAlexaConfig, type AlexaConfig, type ReadConfigOptions } from "./config.js";
import { createErrorHandler } from "./error-handler.js";
import { createIntentHandlers } from "./intent-handlers.js";
import { logRequestInterceptor, type LogLine } from "./interceptors.js";
import { createReminderHandlers, type ReminderHandlerOptions } from "./reminders/reminder-handlers.js";

export interface AlexaSkillOptions {
  config: AlexaConfig;
  /** The compact catalog (a full Catalog works too). */
  catalog: SkillCatalog;
  /** Default: DynamoDB when config.tableName is set, files under config.stateDir otherwise. */
  store?: StateStore;
  log?: LogLine;
  /** Pinned clock for tests. */
  now?: () => Date;
  /** Issue 17: tests shorten the reminders service's back-off and deadlines. */
  reminders?: ReminderHandlerOptions;
}

export function createAlexaSkill(options: AlexaSkillOptions): Skill {
  const log = options.log ?? ((line: string) => console.log(line));
  const { config } = options;
  const store =
    options.store ??
    createStateStore({
      stateDir: config.stateDir,
      log,
      ...(config.tableName ? { tableName: config.tableName } : {}),
      ...(config.persistenceTimeoutMs ? { timeoutMs: config.persistenceTimeoutMs } : {}),
    });
  const core = createCore(
    options.catalog,
    { audioBaseUrl: config.audioBaseUrl, ...(config.artUrl ? { artUrl: config.artUrl } : {}), ...(options.now ? { now: options.now } : {}) },
    store,
  );
  const deps = { core, log };

  const builder = SkillBuilders.custom()
    // The reminder handlers go before createIntentHandlers' catch-all for unknown intents.
    .addRequestHandlers(
      createCanFulfillHandler(options.catalog),
      ...createAudioPlayerHandlers(deps),
      ...createReminderHandlers(deps, options.reminders),
      ...createIntentHandlers(deps),
    )
    .addRequestInterceptors(logRequestInterceptor(log))
    .addErrorHandlers(createErrorHandler(log))
    // The Reminders and settings APIs (serviceClientFactory) need an API client.
    .withApiClient(new DefaultApiClient())
    .withCustomUserAgent("rustpunt");
  if (config.skillId) builder.withSkillId(config.skillId);
  return builder.create();
}

export interface FromEnvOptions extends Partial<ReadConfigOptions> {
  store?: StateStore;
  log?: LogLine;
}

/** Reads and checks the environment, loads the catalog: throws at start-up, never per request. */
export function createAlexaSkillFromEnv(env: NodeJS.ProcessEnv, options: FromEnvOptions = {}): Skill {
  const config = readAlexaConfig(env, {
    requireSkillId: options.requireSkillId ?? inLambda(env),
    ...(options.defaultAudioBaseUrl ? { defaultAudioBaseUrl: options.defaultAudioBaseUrl } : {}),
    ...(options.allowLocalHttp ? { allowLocalHttp: true } : {}),
  });
  const catalog = loadCatalog({ env, ...(config.catalogFile ? { file: config.catalogFile } : {}) });
  return createAlexaSkill({
    config,
    catalog,
    ...(options.store ? { store: options.store } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

export type AlexaHandler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

/** An async Lambda handler: nodejs24.x rejects the callback style that `.lambda()` returns. */
export function alexaHandler(skill: Skill): AlexaHandler {
  return async (event, context) => skill.invoke(event, context);
}
