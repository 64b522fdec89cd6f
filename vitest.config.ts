import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Audio builds and browser tests run real espeak/ffmpeg/chromium: give them room.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // One shared fixture dist/ (short variants) for the build, skill and page suites.
    globalSetup: ["tests/setup/fixture-dist.ts"],
  },
});
