// The whole turn, owned by the core: load the person's state, respond, save it if it changed.
// Both adapters call Core.turn with a request in the core's terms; neither reads or writes state.
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { StateStore, StoredAttributes } from "../persistence/state-store.js";
import { CatalogIndex } from "./catalog-index.js";
import type { CoreConfig, ResponsePlan, TurnInput, TurnRequest, UserState } from "./conversation-types.js";
import { settleReminderTurn } from "./reminders/reminder-turn.js";
import { respond } from "./respond.js";
import { parseUserState } from "./user-state.js";

export interface Core {
  /** Load → respond → save if changed. Storage failures cost a memory, never the answer (see resilient-persistence.ts). */
  turn(request: TurnRequest): Promise<ResponsePlan>;
  /** The pure step, on a state the caller holds. */
  respond(input: TurnInput): ResponsePlan;
}

/** Built once per container: the catalog index, the config and the store. */
export function createCore(catalog: SkillCatalog, config: CoreConfig, store?: StateStore): Core {
  const index = new CatalogIndex(catalog);
  const answer = (input: TurnInput) => respond(input, index, config);
  return {
    respond: answer,
    async turn(request) {
      const { userKey, lookupTimeZone, runReminders, ...rest } = request;
      const raw = userKey && store ? await store.get(userKey) : {};
      const state = parseUserState(raw);
      const loaded = comparable(state);
      const timeZone = rest.device.timeZone ?? (await knownTimeZone(state, lookupTimeZone, config.now?.() ?? new Date()));
      const device = timeZone ? { ...rest.device, timeZone } : rest.device;
      const input: TurnInput = { ...rest, device, state };
      let plan = answer(input);
      if (plan.reminderOperation && runReminders) {
        // Reminders take a second step: the platform's service, then the words for its outcome,
        // starting from the state the first step left. A reminder needs the device's zone (a
        // guessed one rings at the wrong hour): when none is known yet, ask once more now.
        let operation = plan.reminderOperation;
        if ((operation.kind === "create" || operation.kind === "update") && !operation.timeZone && lookupTimeZone) {
          const zone = await lookupTimeZone().catch(() => undefined);
          if (zone) operation = { ...operation, timeZone: zone };
        }
        const outcome = await runReminders(operation);
        plan = settleReminderTurn({ ...input, state: plan.state }, index.catalog, config, operation, outcome);
      }
      if (userKey && store && comparable(plan.state) !== loaded) {
        await store.save(userKey, { ...plan.state } as StoredAttributes);
      }
      return plan;
    },
  };
}

/** Ask the platform again after this long: people move, and clocks change with them. */
export const TIME_ZONE_RECHECK_MS = 30 * 24 * 60 * 60 * 1000;

/** The remembered time zone, asked for again when it is missing or a month old (the answer is stored in `state`). */
async function knownTimeZone(state: UserState, lookup: TurnRequest["lookupTimeZone"], now: Date): Promise<string | undefined> {
  const checked = state.timeZoneCheckedAt ? Date.parse(state.timeZoneCheckedAt) : NaN;
  if (!lookup || (Number.isFinite(checked) && now.getTime() - checked < TIME_ZONE_RECHECK_MS)) return state.timeZone;
  const zone = await lookup().catch(() => undefined);
  state.timeZoneCheckedAt = now.toISOString();
  if (zone) state.timeZone = zone;
  return state.timeZone;
}

/** The state without its time stamp: what matters for deciding whether to write. */
function comparable(state: UserState): string {
  const { updatedAt: _ignored, ...rest } = state;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}
