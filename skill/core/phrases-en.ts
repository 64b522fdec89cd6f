import { listJoin, type Phrases } from "./phrases.js";

const list = (titles: string[]): string => listJoin(titles, "or");

export const phrasesEn: Phrases = {
  welcome: "Welcome to Rustpunt.",
  about: "Rustpunt guides you through short relaxation exercises; it does not replace a doctor.",
  welcomeBack: "Welcome back to Rustpunt.",
  resumeOffer: (title) => `Say 'resume' to carry on with ${title}.`,
  whichExercise: "Which exercise would you like to do?",
  chooseExercise: (titles) => `Which exercise would you like to do: ${list(titles)}?`,
  listExercises: (titles) => `You can choose ${list(titles)}. Which exercise would you like?`,
  unknownExercise: (titles) => `I don't know that exercise. You can choose ${list(titles)}. Which one would you like?`,
  startIntro: (title, length, minutes, sleep) =>
    `${title}, ${length}, about ${minutes} ${minutes === 1 ? "minute" : "minutes"}` +
    `${sleep ? ", ending as you drift off to sleep" : ""}. Find a comfortable position.`,
  subtitle: (length, minutes) => `Rustpunt · ${length} · ${minutes} min`,
  sayContinue: "Say 'continue' when you're ready for the next part.",
  continueReprompt: "Say 'continue' to go on, or 'stop' to stop.",
  chunkEnd: (sleep) => (sleep ? "Sleep well." : "That was the exercise. Until next time."),
  notOnThisDevice: "Sorry, I can't play this exercise on this device.",
  tip: (title, text) => `Here's a tip: ${title}. ${text}`,
  anotherOne: "Another one?",
  anotherOneReprompt: "Would you like to hear another one? Say 'yes' or 'no'.",
  afterInfo: "Would you like to do an exercise?",
  theExercise: "the exercise",
  playbackFailed: (title) => `Sorry, ${title} didn't play. Say 'resume' to try again, or 'stop'.`,
  retryOffer: (title) => `Last time, ${title} didn't play. Say 'resume' to try again.`,
  retryReprompt: "Say 'resume' to try again, or choose another exercise.",
  infoMissing: "I don't have anything on that right now.",
  help:
    "You can choose an exercise, for example 'breathing', 'body scan', 'visualisation' or 'muscle relaxation'. " +
    "Say 'short' or 'long', and 'in bed' if you want to fall asleep afterwards. " +
    "You can also ask why relaxing helps, for a tip, or for other moments of rest. What would you like to do?",
  fallback:
    "Sorry, I didn't catch that. You can say, for example, 'breathing', 'give me a tip' or 'stop'. What would you like to do?",
  goodbye: "Until next time.",
  nothingToResume: "There's no exercise to carry on with right now.",
  nothingPlaying: "No exercise is playing right now.",
  firstChapter: "This is already the first part of the exercise.",
  lastChapter: "This is the last part of the exercise.",
  loopShuffle: "Repeat and shuffle aren't available for exercises.",
  anythingElse: "What would you like to do?",
};
