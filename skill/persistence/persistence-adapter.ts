// ask-sdk-core's PersistenceAdapter as a thin layer over a StateStore: the envelope only tells us
// whose state it is.
import type { PersistenceAdapter } from "ask-sdk-core";
import type { RequestEnvelope } from "ask-sdk-model";
import type { StateStore } from "./state-store.js";

/** The person's id: System.user for every request type (AudioPlayer events carry no session). */
export function userIdOf(envelope: RequestEnvelope): string {
  const id = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
  if (!id) throw new Error("the request carries no user id (context.System.user.userId)");
  return id;
}

export class StateStorePersistenceAdapter implements PersistenceAdapter {
  constructor(private readonly store: StateStore) {}

  getAttributes(envelope: RequestEnvelope): Promise<Record<string, unknown>> {
    return this.store.get(userIdOf(envelope));
  }

  saveAttributes(envelope: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    return this.store.save(userIdOf(envelope), attributes);
  }

  deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    return this.store.delete(userIdOf(envelope));
  }
}
