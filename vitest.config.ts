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
    // Notices from test-only dependencies that this project cannot act on: aws-sdk v2's
    // end-of-support note (virtual-alexa still loads it) and AWS SDK v3's notice that later
    // releases need Node 22 (the Lambdas run Node 24; only the tests run on the local Node 20).
    env: {
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  },
});
