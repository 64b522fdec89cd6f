import { listJoin, type Phrases } from "./phrases.js";

const list = (titles: string[]): string => listJoin(titles, "of");

export const phrasesNl: Phrases = {
  welcome: "Welkom bij Rustpunt.",
  about: "Rustpunt begeleidt je met korte ontspanningsoefeningen; het vervangt geen arts.",
  welcomeBack: "Welkom terug bij Rustpunt.",
  resumeOffer: (title) => `Zeg 'ga verder' om verder te gaan met ${title}.`,
  whichExercise: "Welke oefening wil je doen?",
  chooseExercise: (titles) => `Welke oefening wil je doen: ${list(titles)}?`,
  listExercises: (titles) => `Je kunt kiezen uit ${list(titles)}. Welke oefening wil je doen?`,
  unknownExercise: (titles) => `Die oefening ken ik niet. Je kunt kiezen uit ${list(titles)}. Welke wil je doen?`,
  startIntro: (title, length, minutes, sleep) =>
    `${title}, ${length === "short" ? "kort" : "lang"}, ongeveer ${minutes} ${minutes === 1 ? "minuut" : "minuten"}` +
    `${sleep ? ", met een einde om in slaap te vallen" : ""}. Zoek een fijne houding.`,
  subtitle: (length, minutes) => `Rustpunt · ${length === "short" ? "kort" : "lang"} · ${minutes} min`,
  sayContinue: "Zeg 'verder' als je klaar bent voor het volgende deel.",
  continueReprompt: "Zeg 'verder' om door te gaan, of 'stop' om te stoppen.",
  chunkEnd: (sleep) => (sleep ? "Slaap lekker." : "Dat was de oefening. Tot de volgende keer."),
  notOnThisDevice: "Deze oefening kan ik op dit apparaat helaas niet laten horen.",
  tip: (title, text) => `Een tip: ${title}. ${text}`,
  anotherOne: "Nog eentje?",
  anotherOneReprompt: "Wil je er nog eentje horen? Zeg 'ja' of 'nee'.",
  afterInfo: "Wil je een oefening doen?",
  theExercise: "de oefening",
  playbackFailed: (title) => `Het afspelen van ${title} lukte niet. Zeg 'ga verder' om het nog eens te proberen, of 'stop'.`,
  retryOffer: (title) => `Vorige keer lukte het afspelen van ${title} niet. Zeg 'ga verder' om het nog eens te proberen.`,
  retryReprompt: "Zeg 'ga verder' om het nog eens te proberen, of kies een andere oefening.",
  infoMissing: "Daar heb ik nu even niets over.",
  help:
    "Je kunt een oefening kiezen, bijvoorbeeld 'ademhaling', 'bodyscan', 'visualisatie' of 'spierontspanning'. " +
    "Zeg 'kort' of 'lang', en 'in bed' als je daarna wilt gaan slapen. " +
    "Je kunt ook vragen waarom ontspannen helpt, om een tip, of om andere rustmomenten. Wat wil je doen?",
  fallback:
    "Dat heb ik niet goed verstaan. Je kunt bijvoorbeeld zeggen: 'ademhaling', 'geef me een tip' of 'stop'. Wat wil je doen?",
  goodbye: "Tot de volgende keer.",
  nothingToResume: "Er is nu geen oefening om mee verder te gaan.",
  nothingPlaying: "Er speelt nu geen oefening.",
  firstChapter: "Dit is al het eerste deel van de oefening.",
  lastChapter: "Dit is het laatste deel van de oefening.",
  loopShuffle: "Herhalen of door elkaar afspelen kan niet bij oefeningen.",
  anythingElse: "Wat wil je doen?",
};
