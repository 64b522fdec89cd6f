// The whole turn, owned by the core: load the person's state, respond, save it if it changed.
// Both adapters call Core.turn with a request in the core's terms; neither reads or writes state.
import type { SkillCatalog } from "../../audio-builder/catalog/skill-catalog-types.js";
import type { StateStore, StoredAttributes } from "../persistence/state-store.js";
import { CatalogIndex } from "./catalog-index.js";
import type { CoreConfig, ResponsePlan, TurnInput, TurnRequest, UserState } from "./conversation-types.js";
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
      const { userKey, ...rest } = request;
      const raw = userKey && store ? await store.get(userKey) : {};
      const state = parseUserState(raw);
      const plan = answer({ ...rest, state });
      if (userKey && store && comparable(plan.state) !== comparable(state)) {
        await store.save(userKey, { ...plan.state } as StoredAttributes);
      }
      return plan;
    },
  };
}

/** The state without its time stamp: what matters for deciding whether to write. */
function comparable(state: UserState): string {
  const { updatedAt: _ignored, ...rest } = state;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}
