// `npm run agent:zip`: packs skill/google/agent/export/ into dist/dialogflow-agent.zip, the layout
// the Dialogflow ES console imports (Settings → Export and Import → Restore/Import from zip):
// agent.json and package.json at the root, intents/ and entities/ beside them.
// fflate: one small dependency-free package with its own types; fixed timestamps and sorted
// entries make the zip byte-for-byte reproducible.
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync, type Zippable } from "fflate";
import { EXPORT_DIR } from "./generate-agent.js";

export const AGENT_ZIP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../dist/dialogflow-agent.zip");
/** DOS time cannot go below 1980; any fixed time will do. */
const FIXED_TIME = new Date("2020-01-01T00:00:00Z");

export async function zipAgent(dir: string = EXPORT_DIR, outFile: string = AGENT_ZIP): Promise<{ file: string; entries: number; bytes: number }> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join("/"))
    .sort();
  if (!names.includes("agent.json")) throw new Error(`${dir}: no agent.json; run \`npm run agent\` first.`);
  const entries: Zippable = {};
  for (const name of names) entries[name] = [new Uint8Array(await readFile(path.join(dir, name))), { mtime: FIXED_TIME }];
  const zip = zipSync(entries, { level: 9 });
  await mkdir(path.dirname(outFile), { recursive: true });
  const temp = `${outFile}.${process.pid}.tmp`;
  await writeFile(temp, zip);
  await rename(temp, outFile);
  return { file: outFile, entries: names.length, bytes: zip.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  zipAgent().then(
    ({ file, entries, bytes }) => console.log(`wrote ${path.relative(process.cwd(), file)} (${entries} files, ${bytes} bytes)`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
