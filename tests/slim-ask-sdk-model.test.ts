// The Alexa bundle aliases ask-sdk-model to a copy without the service clients the skill never
// calls (infra/slim-ask-sdk-model.ts). The copy must still load, build the Reminders client the
// skill uses, and fail only for a removed client, with the SDK's own error.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KEPT_SERVICES, slimServices } from "../infra/slim-ask-sdk-model.js";

const require = createRequire(import.meta.url);

describe("ask-sdk-model without unused service clients", () => {
  it("removes the clients the skill does not call and keeps the base, the factory and Reminders", async () => {
    const source = await readFile(require.resolve("ask-sdk-model"), "utf8");
    const { text, removed } = slimServices(source);
    expect(removed).toEqual(expect.arrayContaining(["listManagement", "monetization", "timerManagement", "ups"]));
    expect(removed).not.toContain("reminderManagement");
    expect(text.length).toBeLessThan(source.length * 0.6);

    const dir = await mkdtemp(path.join(tmpdir(), "rustpunt-slim-"));
    try {
      await writeFile(path.join(dir, "package.json"), JSON.stringify({ version: "0.0.0-test" }));
      await writeFile(path.join(dir, "index.cjs"), text);
      const slim = require(path.join(dir, "index.cjs")) as typeof import("ask-sdk-model");
      const apiConfiguration = { apiClient: { invoke: async () => ({ statusCode: 200, headers: [], body: "{}" }) }, apiEndpoint: "https://api.amazonalexa.com", authorizationValue: "token" };
      const factory = new slim.services.ServiceClientFactory(apiConfiguration);
      expect(factory.getReminderManagementServiceClient()).toBeInstanceOf(slim.services.reminderManagement.ReminderManagementServiceClient);
      expect(() => factory.getListManagementServiceClient()).toThrow(/ServiceClientFactory Error/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file whose layout it does not know, instead of bundling something broken", () => {
    expect(() => slimServices("module.exports = {};")).toThrow(/update infra\/slim-ask-sdk-model\.ts/);
    expect(KEPT_SERVICES).toContain("reminderManagement");
  });
});
