// The shape of an ASK interaction model (skill-package/interactionModels/custom/<locale>.json).
// Its samples come from the grammars in skill/grammar/.

/** Our custom intents, as named in the model; the handlers match on these names. */
export const CUSTOM_INTENTS = {
  startExercise: "StartExerciseIntent",
  listExercises: "ListExercisesIntent",
  why: "WhyIntent",
  tip: "TipIntent",
  restMoments: "RestMomentsIntent",
  seekHelp: "SeekHelpIntent",
  continue: "ContinueIntent",
} as const;

export type CustomIntentName = (typeof CUSTOM_INTENTS)[keyof typeof CUSTOM_INTENTS];

export interface ModelSlot {
  name: string;
  type: string;
}

export interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
  samples: string[];
}

export interface ModelSlotType {
  name: string;
  values: { id: string; name: { value: string; synonyms?: string[] } }[];
}

/** Name-free ingress points (en-* only): skill launch phrases and intent launch phrases. */
export interface NameFreeInteraction {
  ingressPoints: {
    type: "LAUNCH" | "INTENT";
    /** The intent's name; only for type INTENT. */
    name?: string;
    sampleUtterances: { format: "RAW_TEXT"; value: string }[];
  }[];
}

export interface InteractionModel {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: ModelIntent[];
      types: ModelSlotType[];
    };
    _nameFreeInteraction?: NameFreeInteraction;
  };
}
