export const SSML_TARGETS = ["alexa", "google", "azure"] as const;
export type SsmlTarget = (typeof SSML_TARGETS)[number];
