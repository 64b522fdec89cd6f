// vitest globalSetup: builds ONE shared dist/ (short variants, both endings, every exercise,
// both locales, espeak) into tests/.fixtures/dist, so the build, skill and page suites check the
// same real files without each building them again. The build is incremental: after the first
// run it costs well under a second.
//
// In a test: `const dist = fixtureDist();` (from tests/helpers/fixture-dist.ts), or
// `inject("fixtureDist")` and check `inject("fixtureDistError")` yourself.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of the shared fixture dist/ (has catalog.json and skill-catalog.json). */
    fixtureDist: string;
    /** Its speech cache: copy it to build more tracks without synthesising again. */
    fixtureCache: string;
    /** Set when the fixture build failed; suites that need the fixture fail with it. */
    fixtureDistError: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURE_DIST = path.join(root, "tests/.fixtures/dist");
export const FIXTURE_CACHE = path.join(root, "tests/.fixtures/cache");

export default async function setup(project: TestProject): Promise<void> {
  project.provide("fixtureDist", FIXTURE_DIST);
  project.provide("fixtureCache", FIXTURE_CACHE);
  try {
    // Imported here, so a broken audio module fails the fixture, not every suite's start-up.
    const { buildDist } = await import("../../audio-builder/pipeline/build-dist.js");
    await buildDist({
      scriptsDir: path.join(root, "scripts"),
      out: FIXTURE_DIST,
      cacheDir: FIXTURE_CACHE,
      lengths: ["short"],
      tts: "espeak",
      quiet: true,
      // Pinned so the fixture's bytes do not change on New Year's Day.
      env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" },
    });
    project.provide("fixtureDistError", "");
  } catch (error) {
    // Do not take every other suite down with it: only the suites that use the fixture fail.
    project.provide("fixtureDistError", error instanceof Error ? error.message : String(error));
  }
}
