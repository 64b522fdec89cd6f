// `npm run serve`: dist/ on http://127.0.0.1:8080 (PORT to change it, DIST_DIR for another folder)
// for a quick look at the page, the feeds and the tracks. Not meant as a production server.
import { existsSync } from "node:fs";
import path from "node:path";
import { createStaticServer } from "../publish/static-server.js";

function readConfig(env: NodeJS.ProcessEnv): { port: number; root: string } {
  const rawPort = env.PORT ?? "8080";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65_535) {
    throw new Error(`PORT must be a whole number from 1 to 65535, not ${JSON.stringify(rawPort)}`);
  }
  const root = path.resolve(env.DIST_DIR ?? "dist");
  if (!existsSync(path.join(root, "index.html"))) {
    throw new Error(`${root}/index.html does not exist: run \`npm run build\` first (or set DIST_DIR)`);
  }
  return { port, root };
}

try {
  const { port, root } = readConfig(process.env);
  const server = createStaticServer(root);
  server.on("error", (error) => {
    console.error(`serve: ${error.message}`);
    process.exitCode = 1;
  });
  server.listen(port, "127.0.0.1", () => {
    console.log(`Serving ${path.relative(process.cwd(), root) || "."} on http://127.0.0.1:${port}/  (Ctrl-C stops)`);
  });
} catch (error) {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
