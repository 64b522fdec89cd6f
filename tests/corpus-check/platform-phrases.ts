// What each platform itself understands, without samples of ours.
import type { Locale } from "../../audio-builder/model/script-schema.js";

/**
 * Alexa's built-in intents, matched by a fixed small list of their plainest phrases (for English the
 * "common utterances" of Amazon's standard built-in intents table; for Dutch the same plain words).
 * Amazon's own coverage is wider: anything beyond these must be a sample in the model.
 */
export const ALEXA_BUILTIN_PHRASES: Record<Locale, Record<string, string[]>> = {
  "en-US": {
    "AMAZON.CancelIntent": ["cancel", "never mind", "forget it"],
    "AMAZON.HelpIntent": ["help", "help me", "can you help me"],
    "AMAZON.StopIntent": ["stop", "off", "shut up"],
    "AMAZON.PauseIntent": ["pause", "pause that"],
    "AMAZON.ResumeIntent": ["resume", "continue", "keep going"],
    "AMAZON.NextIntent": ["next", "skip", "skip forward"],
    "AMAZON.PreviousIntent": ["go back", "skip back", "back up"],
    "AMAZON.RepeatIntent": ["repeat", "say that again", "repeat that"],
    "AMAZON.StartOverIntent": ["start over", "restart", "start again"],
    "AMAZON.LoopOnIntent": ["loop", "loop on"],
    "AMAZON.LoopOffIntent": ["loop off"],
    "AMAZON.ShuffleOnIntent": ["shuffle", "shuffle on"],
    "AMAZON.ShuffleOffIntent": ["shuffle off", "stop shuffling"],
    "AMAZON.YesIntent": ["yes", "yeah", "yep"],
    "AMAZON.NoIntent": ["no", "nope"],
  },
  "nl-NL": {
    "AMAZON.CancelIntent": ["annuleer", "annuleren"],
    "AMAZON.HelpIntent": ["help", "hulp", "help me"],
    "AMAZON.StopIntent": ["stop", "stoppen", "uit"],
    "AMAZON.PauseIntent": ["pauze", "pauzeer", "pauzeren"],
    "AMAZON.ResumeIntent": ["hervat", "hervatten", "ga verder"],
    "AMAZON.NextIntent": ["volgende", "overslaan"],
    "AMAZON.PreviousIntent": ["vorige", "ga terug"],
    "AMAZON.RepeatIntent": ["herhaal", "herhaal dat", "herhalen"],
    "AMAZON.StartOverIntent": ["begin opnieuw", "opnieuw beginnen", "opnieuw"],
    "AMAZON.LoopOnIntent": ["herhalen aan"],
    "AMAZON.LoopOffIntent": ["herhalen uit"],
    "AMAZON.ShuffleOnIntent": ["shuffle aan", "willekeurig afspelen"],
    "AMAZON.ShuffleOffIntent": ["shuffle uit"],
    "AMAZON.YesIntent": ["ja"],
    "AMAZON.NoIntent": ["nee"],
  },
};

/**
 * One-shot launches: Alexa takes the launch phrase and the invocation name off and sends the rest
 * ("vraag rustpunt om de bodyscan te doen" → "de bodyscan te doen"). The corpus writes requests in
 * full; the check removes the frame first, longest first.
 */
export const LAUNCH_FRAMES: Record<Locale, string[]> = {
  "nl-NL": ["vraag aan rustpunt om", "vraag rustpunt om", "vraag aan rustpunt", "vraag rustpunt", "zeg tegen rustpunt dat"],
  "en-US": ["ask rustpunt to", "ask rustpunt for", "ask rustpunt about", "ask rustpunt", "tell rustpunt to"],
};
