// `npm run skill:local`: the Alexa skill on http://localhost:PORT/ (default 3000) through
// ask-sdk-express-adapter, with dist/ served at /audio on the same server and user state in files.
// For the ASK CLI's local testing, curl, or a tunnel. A real Echo needs the audio over HTTPS with a
// valid certificate: set AUDIO_BASE_URL to an HTTPS address (a tunnel or the deployed CDN).
//
// Environment: PORT, DIST_DIR (default dist), AUDIO_BASE_URL (default http://localhost:PORT/audio/),
// CATALOG_FILE (default <DIST_DIR>/skill-catalog.json), ALEXA_SKILL_ID (optional here),
// STATE_DIR (default .cache/skill-state), ALEXA_VERIFY_REQUESTS (default 1: check Amazon's request
// signature and time stamp; set 0 to post requests yourself with curl).
import path from "node:path";
import { ExpressAdapter } from "ask-sdk-express-adapter";
import express from "express";
import { createAlexaSkillFromEnv } from "./skill-builder.js";

const env = process.env;
const port = Number(env.PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT "${env.PORT}" is not a port number (1-65535).`);
  process.exit(1);
}
const distDir = path.resolve(env.DIST_DIR ?? "dist");
const verify = (env.ALEXA_VERIFY_REQUESTS ?? "1") !== "0";

let skill;
try {
  skill = createAlexaSkillFromEnv(
    { ...env, CATALOG_FILE: env.CATALOG_FILE ?? path.join(distDir, "skill-catalog.json") },
    { requireSkillId: false, defaultAudioBaseUrl: `http://localhost:${port}/audio/`, allowLocalHttp: true },
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const app = express();
app.use("/audio", express.static(distDir, { fallthrough: false, index: false }));
app.post("/", new ExpressAdapter(skill, verify, verify).getRequestHandlers());
app.listen(port, "127.0.0.1", () => {
  console.log(`Rustpunt Alexa skill on http://localhost:${port}/ (audio from ${distDir} at /audio)`);
  if (!verify) console.log("Request signatures are NOT checked (ALEXA_VERIFY_REQUESTS=0): keep this server off the internet.");
});
