// A minimal valid exercise script around the steps a test cares about, parsed by the real schema,
// so timeline and SSML tests build from the same script and differ only where they say so.
import { exerciseScript, type ExerciseScript } from "../../audio-builder/model/script-schema.js";

/** `overrides` replaces top-level fields (locale, targetSeconds, endings, ...). */
export function exerciseFixture(steps: unknown[], overrides: Record<string, unknown> = {}): ExerciseScript {
  return exerciseScript.parse({
    id: "test",
    locale: "nl-NL",
    kind: "exercise",
    title: "Test",
    description: "Een test.",
    source: "001_c5325292d2bedfb0.txt",
    targetSeconds: { short: 60, long: 180 },
    steps,
    endings: { wake: [{ say: "Open je ogen." }], sleep: [{ say: "Slaap zacht." }, { pause: 30 }] },
    ...overrides,
  });
}
