// The exercise-script schema: the one source of truth for what a writer may put in
// scripts/<locale>/<id>.yaml. It knows nothing of platforms or audio.
import { z } from "zod";
import { ENDINGS, LENGTHS, LOCALES, type Ending, type Length } from "./variant-names.js";

// Defined without zod so run-time code can import them alone (variant-names.ts).
export { ENDINGS, LENGTHS, LOCALES, type Ending, type Length, type Locale } from "./variant-names.js";

/** Guards against typos such as 600 meant as 6.00: no single pause in an exercise needs more. */
const MAX_PAUSE_SECONDS = 300;
/** Longest breathing phase a person can comfortably follow. */
const MAX_PHASE_SECONDS = 20;

const seconds = (max: number) =>
  z
    .number({ error: "expected a number of seconds" })
    .positive({ error: "must be more than 0 seconds" })
    .max(max, { error: `must be at most ${max} seconds` });

/** A spoken text: the longest today is under 250 characters; one far longer is a paste gone wrong. */
export const MAX_TEXT_CHARS = 1000;
/** Steps in one list (the steps or an ending): several times what a 30-minute exercise needs. */
export const MAX_STEPS = 400;

const text = z
  .string({ error: "expected text" })
  .trim()
  .min(1, { error: "text must not be empty" })
  .max(MAX_TEXT_CHARS, { error: (issue) => `a text is at most ${MAX_TEXT_CHARS} characters, this one has ${String((issue.input as string | undefined)?.length ?? "more")}: split it into several steps` });

const steps = (what: string) =>
  z.array(step).max(MAX_STEPS, { error: `${what} holds at most ${MAX_STEPS} steps: split the exercise in two` });

const id = z
  .string({ error: "expected an id" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "an id is lower-case letters, digits and hyphens, e.g. 'body-scan'" });

/** Steps that only belong to one length variant (optional steps make `long` longer). */
const only = z.enum(LENGTHS, { error: "`only` is 'short' or 'long'" }).optional();

/** Per-length count: a plain number applies to both lengths. */
const perLength = z.union([
  z.number().int().min(1).max(60),
  z.strictObject({ short: z.number().int().min(1).max(60), long: z.number().int().min(1).max(60) }),
], { error: "expected a whole number from 1 to 60, or { short: n, long: n }" });

export const sayStep = z.strictObject({
  say: text,
  /** Slower, softer delivery (used for sleep endings and settling-in lines). */
  slow: z.boolean().optional(),
  only,
});

export const pauseStep = z
  .strictObject({
    /** Minimum silence in seconds. */
    pause: seconds(MAX_PAUSE_SECONDS),
    /** A stretchable pause grows up to `max` to bring a variant to its target length. */
    max: seconds(MAX_PAUSE_SECONDS).optional(),
    only,
  })
  .refine((s) => s.max === undefined || s.max >= s.pause, {
    error: "`max` must be at least `pause`",
    path: ["max"],
  });

export const chapterStep = z.strictObject({
  /** Starts a chapter: the unit Alexa's resume and the ID3 chapters use. */
  chapter: text,
  only,
});

const breathCues = z.strictObject({
  inhale: text,
  exhale: text,
  hold: text.optional(),
});

export const breatheStep = z.strictObject({
  breathe: z
    .strictObject({
      inhale: seconds(MAX_PHASE_SECONDS),
      hold: seconds(MAX_PHASE_SECONDS).optional(),
      exhale: seconds(MAX_PHASE_SECONDS),
      cycles: perLength,
      cues: breathCues,
      /** Slows the pace linearly over the cycles: the last cycle uses these phase lengths. */
      ramp: z
        .strictObject({
          inhale: seconds(MAX_PHASE_SECONDS).optional(),
          hold: seconds(MAX_PHASE_SECONDS).optional(),
          exhale: seconds(MAX_PHASE_SECONDS).optional(),
        })
        .optional(),
      /** Speak the cue only in the first N cycles, then breathe in silence (cues still shown in captions). */
      spokenCycles: z.number().int().min(1).max(60).optional(),
    })
    .refine((b) => b.exhale >= b.inhale, {
      error: "the exhale must be at least as long as the inhale (calm breathing breathes out longer)",
      path: ["exhale"],
    })
    .refine((b) => b.ramp === undefined || (b.ramp.exhale ?? b.exhale) >= (b.ramp.inhale ?? b.inhale), {
      error: "the ramp's exhale must be at least as long as its inhale",
      path: ["ramp"],
    })
    .refine((b) => b.hold === undefined || b.cues.hold !== undefined, {
      error: "a breathing block with `hold` needs a `cues.hold` text",
      path: ["cues"],
    }),
  only,
});

export const tenseStep = z.strictObject({
  tense: z.strictObject({
    /** The body part, e.g. "schouders en armen"; shown in captions and chapters. */
    part: text,
    /** Spoken before tensing: what to tense and how. */
    instruction: text,
    /** Seconds to hold the tension (about 5). */
    hold: seconds(15),
    /** Spoken at the moment of letting go, e.g. "En laat los." */
    release: text,
    /** Seconds of rest after letting go: several times the hold. */
    rest: seconds(120),
    /** Rest may stretch up to this for the long variant. */
    restMax: seconds(MAX_PAUSE_SECONDS).optional(),
    /** Spoken during the rest, e.g. "Voel hoe je spieren warm en zwaar worden." */
    notice: text.optional(),
  }).refine((t) => t.rest >= 2 * t.hold, {
    error: "the rest after letting go must be at least twice the tension hold",
    path: ["rest"],
  }).refine((t) => t.restMax === undefined || t.restMax >= t.rest, {
    error: "`restMax` must be at least `rest`",
    path: ["restMax"],
  }),
  only,
});

export const step = z.union([sayStep, pauseStep, chapterStep, breatheStep, tenseStep]);
export type Step = z.infer<typeof step>;
export type SayStep = z.infer<typeof sayStep>;
export type PauseStep = z.infer<typeof pauseStep>;
export type ChapterStep = z.infer<typeof chapterStep>;
export type BreatheStep = z.infer<typeof breatheStep>;
export type TenseStep = z.infer<typeof tenseStep>;

/** A seed document in ../shared/seeds that the content is written from. */
const source = z
  .string({ error: "expected the seed document's file name, e.g. 001_c5325292d2bedfb0.txt" })
  .regex(/^\d{3}_[0-9a-f]{16}\.txt$/, { error: "name a seed document, e.g. 001_c5325292d2bedfb0.txt" });

const common = {
  id,
  locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(", ")}` }),
  title: text,
  /** One or two sentences for lists, the page and the podcast feed. */
  description: text,
  source,
};

export const exerciseScript = z.strictObject({
  ...common,
  kind: z.literal("exercise"),
  /** Other names people use for this exercise: feeds the voice models' slot synonyms. */
  synonyms: z.array(text).default([]),
  /** Target length in seconds per length variant; stretchable pauses fill up to it. */
  targetSeconds: z.strictObject({
    short: z.number().min(60).max(900),
    long: z.number().min(180).max(1800),
  }).refine((t) => t.long > t.short, { error: "the long target must be longer than the short one", path: ["long"] }),
  /** Eyes-closed aids the audio builder may add. */
  audio: z
    .strictObject({
      /** A soft rising/falling tone under each inhale/exhale of breathing blocks. */
      breathTones: z.boolean().default(false),
      /** A quiet generated noise bed under the whole track. */
      bed: z.enum(["none", "brown", "pink"]).default("none"),
    })
    .default({ breathTones: false, bed: "none" }),
  steps: steps("an exercise").min(1, { error: "an exercise needs at least one step" }),
  endings: z.strictObject({
    /** Come back gently: move, stretch, open your eyes. */
    wake: steps("an ending").min(1, { error: "the wake ending needs at least one step" }),
    /** For bed: no wake-up, slower last lines, then silence. */
    sleep: steps("an ending").min(1, { error: "the sleep ending needs at least one step" }),
  }),
});
export type ExerciseScript = z.infer<typeof exerciseScript>;

export const infoItem = z.strictObject({
  title: text,
  text,
});

export const infoScript = z.strictObject({
  ...common,
  kind: z.literal("info"),
  /** Spoken before the items (e.g. "Vijf redenen waarom ..."). */
  intro: text,
  /** The reasons, tips or moments; the skill may speak all or one at a time. */
  items: z.array(infoItem).min(1, { error: "an info piece needs at least one item" }).max(100, { error: "an info piece holds at most 100 items" }),
  /** Spoken after the items (e.g. the take-home message). */
  outro: text.optional(),
});
export type InfoScript = z.infer<typeof infoScript>;
export type InfoItem = z.infer<typeof infoItem>;

export const script = z.discriminatedUnion("kind", [exerciseScript, infoScript], {
  error: "`kind` is 'exercise' or 'info'",
});
export type Script = z.infer<typeof script>;

export interface Variant {
  length: Length;
  ending: Ending;
}

export const ALL_VARIANTS: readonly Variant[] = LENGTHS.flatMap((length) =>
  ENDINGS.map((ending) => ({ length, ending })),
);
