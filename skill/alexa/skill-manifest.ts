// `npm run skill:manifest [-- --privacy-url=https://… --terms-url=https://…]`: writes
// skill/skill-package/skill.json (ASK CLI layout). Store texts live here; the privacy-policy and
// terms URLs come from the arguments or the environment (PRIVACY_POLICY_URL, TERMS_OF_USE_URL, or
// per locale PRIVACY_POLICY_URL_NL_NL, TERMS_OF_USE_URL_EN_US, ...), else they stay as they are in
// the existing file. The endpoint ARN is left alone: `npm run skill:package` fills it after deploy.
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LOCALES, type Locale } from "../../audio-builder/model/script-schema.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SKILL_MANIFEST_FILE = path.resolve(here, "../skill-package/skill.json");
export const ENDPOINT_PLACEHOLDER = "arn:aws:lambda:eu-west-1:000000000000:function:run-npm-run-skill-package-after-deploy";
const PLACEHOLDER_URLS = { privacyPolicyUrl: "https://example.org/rustpunt/privacy", termsOfUseUrl: "https://example.org/rustpunt/terms" };

// No diagnosis, no promises of cure: Rustpunt offers rest and says when to see a doctor.
const STORE: Record<Locale, { summary: string; description: string; examplePhrases: string[]; keywords: string[] }> = {
  "nl-NL": {
    summary: "Begeleide ontspanningsoefeningen om even tot rust te komen, ook in bed met je ogen dicht.",
    description:
      "Rustpunt begeleidt je stap voor stap door korte ontspanningsoefeningen: rustig ademen, een bodyscan, " +
      "een visualisatie en spierontspanning. Kies een korte of lange versie, en 'in bed' als je daarna wilt " +
      "gaan slapen. Je kunt pauzeren, verder gaan waar je was, opnieuw beginnen of stoppen. Vraag ook waarom " +
      "ontspannen helpt, om een tip of om andere korte rustmomenten.\n\n" +
      "Rustpunt is geen medische hulp en vervangt geen arts. Houd je klachten, neem dan contact op met je " +
      "huisarts of bedrijfsarts; vraag Rustpunt 'wanneer moet ik hulp zoeken'.",
    examplePhrases: ["Alexa, open rustpunt", "Alexa, vraag rustpunt om de ademhalingsoefening", "Alexa, vraag rustpunt om een tip"],
    keywords: ["ontspanning", "ontspannen", "ademhaling", "bodyscan", "spierontspanning", "visualisatie", "rust", "slapen"],
  },
  "en-US": {
    summary: "Guided relaxation exercises to help you unwind, even in bed with your eyes closed.",
    description:
      "Rustpunt guides you step by step through short relaxation exercises: calm breathing, a body scan, a " +
      "visualization and muscle relaxation. Choose a short or long version, and 'in bed' if you want to fall " +
      "asleep afterwards. You can pause, resume where you were, start over or stop. You can also ask why " +
      "relaxing helps, for a tip, or for other short moments of rest.\n\n" +
      "Rustpunt is not medical care and does not replace a doctor. If your complaints persist, contact your " +
      "doctor; ask Rustpunt 'when should I seek help'.",
    examplePhrases: ["Alexa, open rustpunt", "Alexa, ask rustpunt for the breathing exercise", "Alexa, ask rustpunt for a tip"],
    keywords: ["relaxation", "relax", "breathing", "body scan", "muscle relaxation", "visualization", "rest", "sleep"],
  },
};

export interface LegalUrls {
  privacyPolicyUrl: string;
  termsOfUseUrl: string;
}

export function buildManifest(legal: Record<Locale, LegalUrls>, endpointUri: string): object {
  const locales = Object.fromEntries(LOCALES.map((l) => [l, { name: "Rustpunt", ...STORE[l] }]));
  return {
    manifest: {
      manifestVersion: "1.0",
      publishingInformation: {
        locales,
        isAvailableWorldwide: false,
        distributionCountries: ["NL", "BE", "US"],
        testingInstructions:
          "Say 'Alexa, open rustpunt', then 'ademhaling' (nl-NL) or 'breathing' (en-US). While the exercise plays, " +
          "say 'Alexa, pause' and later 'Alexa, resume': it continues from the start of the step that was playing.",
        category: "HEALTH_AND_FITNESS",
      },
      apis: {
        custom: {
          endpoint: { uri: endpointUri },
          // CAN_FULFILL_INTENT_REQUEST: name-free routing may ask us (en-US only; see the README).
          interfaces: [{ type: "AUDIO_PLAYER" }, { type: "CAN_FULFILL_INTENT_REQUEST" }],
        },
      },
      privacyAndCompliance: {
        allowsPurchases: false,
        usesPersonalInfo: false,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: legal,
      },
      // Issue 17: reminders; asked by voice when first needed (skill/alexa/reminders/).
      permissions: [{ name: "alexa::alerts:reminders:skill:readwrite" }],
    },
  };
}

/** URL for one locale: argument, then per-locale variable, then the shared variable, then the file. */
export function legalUrls(
  env: NodeJS.ProcessEnv,
  args: { privacyUrl?: string; termsUrl?: string },
  existing: Partial<Record<Locale, Partial<LegalUrls>>>,
): Record<Locale, LegalUrls> {
  const out = {} as Record<Locale, LegalUrls>;
  for (const locale of LOCALES) {
    const suffix = locale.replace("-", "_").toUpperCase();
    const privacyPolicyUrl =
      args.privacyUrl ?? env[`PRIVACY_POLICY_URL_${suffix}`] ?? env.PRIVACY_POLICY_URL ?? existing[locale]?.privacyPolicyUrl ?? PLACEHOLDER_URLS.privacyPolicyUrl;
    const termsOfUseUrl =
      args.termsUrl ?? env[`TERMS_OF_USE_URL_${suffix}`] ?? env.TERMS_OF_USE_URL ?? existing[locale]?.termsOfUseUrl ?? PLACEHOLDER_URLS.termsOfUseUrl;
    for (const [name, url] of [["privacy policy", privacyPolicyUrl], ["terms of use", termsOfUseUrl]] as const) {
      if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(url)) throw new Error(`${locale} ${name} URL "${url}" must be an https:// address.`);
    }
    out[locale] = { privacyPolicyUrl, termsOfUseUrl };
  }
  return out;
}

export async function writeManifest(env: NodeJS.ProcessEnv, argv: string[], file = SKILL_MANIFEST_FILE): Promise<void> {
  const arg = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  let existing: { manifest?: { apis?: { custom?: { endpoint?: { uri?: string } } }; privacyAndCompliance?: { locales?: Partial<Record<Locale, Partial<LegalUrls>>> } } } = {};
  try {
    existing = JSON.parse(await readFile(file, "utf8")) as typeof existing;
  } catch {
    // First run: no manifest yet.
  }
  const privacyUrl = arg("privacy-url");
  const termsUrl = arg("terms-url");
  const legal = legalUrls(env, { ...(privacyUrl ? { privacyUrl } : {}), ...(termsUrl ? { termsUrl } : {}) }, existing.manifest?.privacyAndCompliance?.locales ?? {});
  const endpoint = existing.manifest?.apis?.custom?.endpoint?.uri ?? ENDPOINT_PLACEHOLDER;
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(buildManifest(legal, endpoint), null, 2)}\n`, "utf8");
  await rename(temp, file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writeManifest(process.env, process.argv.slice(2)).then(
    () => console.log(`wrote ${path.relative(process.cwd(), SKILL_MANIFEST_FILE)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
