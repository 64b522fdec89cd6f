// How English speakers ask Rustpunt for things: the grammar both the Alexa model and the Dialogflow
// agent are generated from (notation: expand-template.ts). Exercise names are not here: the
// {exercise} slot's values are the scripts' titles and synonyms. Every alternative multiplies the
// sample count, so softeners and politeness sit only where people use them.
// Alexa's rules: no digits (say "ten"), no punctuation but apostrophes, no sample in two intents.
import type { LocaleGrammar } from "./grammar-types.js";

export const grammarEn: LocaleGrammar = {
  locale: "en-US",
  invocationName: "rustpunt",
  fragments: {
    // The exercise with its length, ending and minutes, in every order people put them.
    np: [
      "[the|a] {exercise}",
      "[the|a] {exercise} (exercise|one)",
      "[the|a] {length} {exercise}",
      "[the] {exercise} {length}",
      "[the|a] {exercise} {ending}",
      "[the|a] {length} {exercise} {ending}",
      "[the] {exercise} {length} {ending}",
      "{ending} [the] {exercise}",
      "{minutes} minutes of [the] {exercise} [{ending}]",
      "[a|the] {minutes} minute {exercise} [{ending}]",
      "[the] {exercise} for {minutes} minutes [{ending}]",
      "the {length} version of [the] {exercise}",
    ],
    // A shorter set for carriers where people rarely stack modifiers.
    "np-short": [
      "[the|a|my] {exercise} [{ending}]",
      "[the|a] {length} {exercise} [{ending}]",
      "[the] {exercise} {length}",
      "{minutes} minutes of [the] {exercise}",
    ],
    // "an exercise" with a length or an ending but no name: the skill asks which one.
    "any-exercise": ["a {length} exercise [{ending}]", "an exercise {ending}", "something {ending}"],
  },
  intents: {
    StartExercise: [
      "<np> [please]",
      "please <np-short>",
      "(do|start|play) <np> [please]",
      "(please|just) (do|start|play) <np-short>",
      "(begin|begin with|put on|let's do|let me do) <np-short>",
      "help me (relax|unwind) with <np-short>",
      "help me {ending} with [the] {exercise}",
      "(take|guide|walk) me through <np-short>",
      "take me to [my|the] {exercise}",
      "(i want|i need|i'd like|i would like) <np-short>",
      "(i want|i'd like|i would like) to do <np>",
      "(i want|i'd like|i would like) to (try|start) <np-short>",
      "i want to {exercise}",
      "i have {minutes} minutes for [the] {exercise}",
      "i'm in bed (do|start|play) [the] {exercise}",
      "(can i|could i|can we) (do|have|try) <np-short>",
      "(can you|could you|would you) (do|start|play) <np-short>",
      "do you have <np-short>",
      // No exercise named: a length or an ending only.
      "[please] [(do|start|play)] <any-exercise> [please]",
      "(i want|do you have|can i have|can i do) <any-exercise>",
      "help me {ending}",
      "i (can't|cannot) {ending}",
    ],
    ListExercises: [
      "(what|which) [relaxation] exercises (are there|do you have|can i do|there are)",
      "what kind of exercises (are there|do you have)",
      "what (can i do|can i choose|are my options|do you have)",
      "(list|tell me) the exercises",
      "give me the list",
      "an exercise [please]",
      "i want to do an exercise",
      "(i want to|help me) relax",
      "start an exercise",
      "let's begin",
    ],
    Why: [
      "why (relax|relaxing|should i relax|should i do this|relaxing matters|relaxing helps)",
      "why (is|does) (relaxing|relaxation|rest) (important|good for you|good|help|matter)",
      "(does relaxing|does this|does it) (really|actually) (help|work)",
      "what's the point of relaxing",
      "what (is relaxing|does relaxation) (good for|do for me)",
      "what does stress do to (my|your) body",
      "tell me why relaxing (helps|matters)",
    ],
    Tip: [
      "[a|another|one more] tip [please]",
      "[a] relaxation tip",
      "(give|tell) me [a|another] tip",
      "do you have [a|another] tip",
      "(got any|any) tips [for relaxing]",
      "(i want|i'd like) [a|another] tip",
      "how can i relax better",
    ],
    RestMoments: [
      "[other|short|small] moments of rest",
      "other ways to relax",
      "what else can i do to relax",
      "how (can|do) i (relax|rest|take a break|take a moment of rest) (during the day|in between|at work)",
      "how do i take a moment of rest",
      "give me a moment of rest",
      "i only have a few minutes how can i relax",
    ],
    SeekHelp: [
      "when (should i|to|do i) (seek|get) help",
      "when (should i|do i need to) see (a|my|the) (doctor|company doctor)",
      "when i should (seek help|see a doctor)",
      "(should i see|do i need) a doctor",
      "what should i do if (it|relaxing) (doesn't|does not) (help|work)",
      "what if (it|relaxing) (doesn't|does not) (help|work)",
      "i keep (feeling tense|waking up at night|feeling stressed)",
      "i (can't|cannot) relax",
      "my complaints don't go away",
      "where can i (find|get) help",
      "i need help",
      "seek help",
    ],
    Continue: [
      "[okay] (continue|go on|carry on)",
      "[the] next part",
      "i'm ready [for the next part]",
      "ready",
      "(continue|go on with) the exercise",
    ],
    Help: ["what can i (say|ask)", "how does (this|rustpunt) work", "i don't know"],
    Stop: ["stop it", "i want to stop", "[that's] enough", "i'm done", "quit", "exit", "good night", "goodnight"],
    Cancel: ["no thanks"],
    Launch: ["hello", "hi", "(start|open) rustpunt", "talk to rustpunt", "good evening"],
  },
  dialogflowOnly: {
    Help: ["help"],
    Stop: ["stop"],
    Cancel: ["cancel", "never mind", "forget it"],
    Continue: ["next", "keep going"],
  },
  slotValues: {
    LENGTH: [
      { id: "short", value: "short", synonyms: ["shorter", "quick", "brief", "the short version", "a quick one"] },
      { id: "long", value: "long", synonyms: ["longer", "extended", "the long version", "the full version"] },
    ],
    ENDING: [
      {
        id: "sleep",
        value: "in bed",
        synonyms: [
          "sleep", "to sleep", "for sleep", "before sleep", "before bed", "at bedtime", "for bedtime", "bedtime", "falling asleep", "fall asleep",
          "to fall asleep", "to help me sleep", "so i can sleep", "so i can fall asleep", "to get to sleep", "get to sleep", "before i go to sleep", "before going to sleep", "at night", "for the night",
        ],
      },
      {
        id: "wake",
        value: "wake up",
        synonyms: [
          "waking up", "to wake up", "getting up", "to get up", "during the day", "in between", "daytime", "in the morning", "for the morning",
          "at work", "to start the day",
        ],
      },
    ],
  },
  numberExamples: ["ten", "three", "five", "twenty"],
  webhookDown: "Sorry, Rustpunt cannot be reached right now. Please try again in a moment.",
};
