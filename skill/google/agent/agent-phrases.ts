// What people say to Rustpunt through Dialogflow, per agent language: training phrases and the
// synonyms of the length and ending entities. Exercise names are NOT here: they come from the
// scripts (title, id, synonyms), so the agent cannot drift from the content.
//
// In a phrase, {exercise}, {length}, {ending} and {minutes} are annotated parameters; the generator
// fills them with entity synonyms in turn, so the model sees many names in many sentence shapes.

export type AgentLanguage = "nl" | "en";

export interface EntityEntry {
  /** The resolved value the webhook receives (what the core understands). */
  value: string;
  synonyms: string[];
}

export interface LanguagePhrases {
  /** Entity @length: values short/long (core: parseLength). */
  length: EntityEntry[];
  /** Entity @ending: values sleep/wake (core: parseEnding). */
  ending: EntityEntry[];
  /** Spoken durations for {minutes} (@sys.duration). */
  minutes: string[];
  /** Training phrases per intent display name. */
  intents: Record<string, string[]>;
  /** What Dialogflow says itself if the webhook cannot be reached. */
  webhookDown: string;
}

const nl: LanguagePhrases = {
  length: [
    { value: "short", synonyms: ["kort", "korte", "kortere", "snel", "snelle", "even kort"] },
    { value: "long", synonyms: ["lang", "lange", "langere", "uitgebreid", "uitgebreide"] },
  ],
  ending: [
    { value: "sleep", synonyms: ["in bed", "om te slapen", "om in slaap te vallen", "voor het slapengaan", "voor de nacht", "slapen"] },
    { value: "wake", synonyms: ["om op te staan", "overdag", "tussendoor", "om wakker te worden"] },
  ],
  minutes: ["5 minuten", "tien minuten", "3 minuten", "twee minuten"],
  intents: {
    "Default Welcome Intent": ["hallo", "hoi", "start Rustpunt", "open Rustpunt", "praat met Rustpunt", "goedenavond"],
    start_exercise: [
      "{exercise}",
      "doe {exercise}",
      "start {exercise}",
      "begin met {exercise}",
      "ik wil {exercise} doen",
      "ik wil graag de oefening {exercise}",
      "laten we {exercise} doen",
      "speel {exercise} af",
      "doe de {length} {exercise}",
      "de {length} versie van {exercise}",
      "{exercise} {length}",
      "{exercise} {ending}",
      "doe {exercise} {ending}",
      "ik lig in bed, doe {exercise} {ending}",
      "ik wil de {length} {exercise} {ending}",
      "een {length} oefening {exercise} {ending} graag",
      "{exercise} van {minutes}",
      "doe {minutes} {exercise}",
      "ik heb {minutes}, doe {exercise}",
      "begin de oefening {exercise} alsjeblieft",
      "mag ik {exercise}",
      "help me ontspannen met {exercise}",
      "een oefening {ending}",
      "een {length} oefening",
      "doe een oefening",
      "ik wil ontspannen",
    ],
    list_exercises: [
      "welke oefeningen zijn er",
      "welke oefeningen heb je",
      "wat kan ik kiezen",
      "noem de oefeningen",
      "wat voor oefeningen zijn er",
      "lijst van oefeningen",
      "wat kun je allemaal",
      "welke ontspanningsoefeningen ken je",
    ],
    why: [
      "waarom ontspannen",
      "waarom is ontspannen goed",
      "waarom zou ik ontspannen",
      "wat heb ik aan ontspannen",
      "waarom helpt ontspanning",
      "wat doet ontspanning met je",
      "vertel waarom ontspannen belangrijk is",
    ],
    tip: ["geef me een tip", "een tip", "nog een tip", "heb je een tip", "geef een ontspanningstip", "tip om te ontspannen", "vertel een tip"],
    rest_moments: [
      "andere rustmomenten",
      "korte rustmomenten",
      "hoe kan ik tussendoor rust nemen",
      "wat kan ik nog meer doen om te ontspannen",
      "rustmomenten op een dag",
      "andere manieren om te ontspannen",
    ],
    seek_help: [
      "wanneer moet ik hulp zoeken",
      "wanneer naar de huisarts",
      "wanneer hulp zoeken",
      "moet ik naar een dokter",
      "ik blijf gespannen wat nu",
      "wanneer naar de bedrijfsarts",
    ],
    help: ["help", "hulp", "wat kan ik zeggen", "hoe werkt dit", "wat kan ik vragen", "ik weet het niet"],
    stop: ["stop", "stoppen", "hou op", "ik wil stoppen", "genoeg", "klaar", "einde", "sluit af"],
    cancel: ["annuleer", "laat maar", "annuleren", "nee laat maar", "vergeet het"],
    continue: ["verder", "ga verder", "volgende", "doorgaan", "ga door", "verder met de oefening", "volgende deel"],
  },
  webhookDown: "Sorry, Rustpunt is even niet bereikbaar. Probeer het straks nog eens.",
};

const en: LanguagePhrases = {
  length: [
    { value: "short", synonyms: ["short", "shorter", "quick", "brief"] },
    { value: "long", synonyms: ["long", "longer", "full", "extended"] },
  ],
  ending: [
    { value: "sleep", synonyms: ["in bed", "to fall asleep", "for sleep", "before sleep", "at bedtime", "for the night"] },
    { value: "wake", synonyms: ["to get up", "to wake up", "during the day", "in between"] },
  ],
  minutes: ["5 minutes", "ten minutes", "3 minutes", "two minutes"],
  intents: {
    "Default Welcome Intent": ["hello", "hi", "start Rustpunt", "open Rustpunt", "talk to Rustpunt", "good evening"],
    start_exercise: [
      "{exercise}",
      "do {exercise}",
      "start {exercise}",
      "begin {exercise}",
      "I want to do {exercise}",
      "I would like the {exercise} exercise",
      "let's do {exercise}",
      "play {exercise}",
      "do the {length} {exercise}",
      "the {length} version of {exercise}",
      "{exercise} {length}",
      "{exercise} {ending}",
      "do {exercise} {ending}",
      "I'm in bed, do {exercise} {ending}",
      "I want the {length} {exercise} {ending}",
      "a {length} {exercise} exercise {ending} please",
      "{exercise} for {minutes}",
      "do {minutes} of {exercise}",
      "I have {minutes}, do {exercise}",
      "start the {exercise} exercise please",
      "can I have {exercise}",
      "help me relax with {exercise}",
      "an exercise {ending}",
      "a {length} exercise",
      "do an exercise",
      "I want to relax",
    ],
    list_exercises: [
      "which exercises are there",
      "what exercises do you have",
      "what can I choose",
      "list the exercises",
      "what kind of exercises are there",
      "list of exercises",
      "what can you do",
      "which relaxation exercises do you know",
    ],
    why: [
      "why relax",
      "why is relaxing good",
      "why should I relax",
      "what does relaxing do for me",
      "why does relaxation help",
      "what does relaxation do to you",
      "tell me why relaxing matters",
    ],
    tip: ["give me a tip", "a tip", "another tip", "do you have a tip", "give me a relaxation tip", "tip for relaxing", "tell me a tip"],
    rest_moments: [
      "other moments of rest",
      "short moments of rest",
      "how can I rest during the day",
      "what else can I do to relax",
      "moments of rest in a day",
      "other ways to relax",
    ],
    seek_help: [
      "when should I seek help",
      "when should I see a doctor",
      "when to seek help",
      "do I need a doctor",
      "I stay tense what now",
      "when should I see the company doctor",
    ],
    help: ["help", "what can I say", "how does this work", "what can I ask", "I don't know"],
    stop: ["stop", "stop it", "I want to stop", "enough", "I'm done", "end", "quit", "exit"],
    cancel: ["cancel", "never mind", "forget it", "no thanks"],
    continue: ["continue", "go on", "next", "carry on", "keep going", "continue the exercise", "next part"],
  },
  webhookDown: "Sorry, Rustpunt cannot be reached right now. Please try again in a moment.",
};

export const AGENT_PHRASES: Readonly<Record<AgentLanguage, LanguagePhrases>> = { nl, en };
