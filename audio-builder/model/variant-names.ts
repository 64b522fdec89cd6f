// The names of locales, lengths and endings, without the schema: run-time code (the skill's
// Lambda) imports these from here so the bundle does not carry zod along with them.
export const LOCALES = ["nl-NL", "en-US"] as const;
export type Locale = (typeof LOCALES)[number];

export const LENGTHS = ["short", "long"] as const;
export type Length = (typeof LENGTHS)[number];

export const ENDINGS = ["wake", "sleep"] as const;
export type Ending = (typeof ENDINGS)[number];
