// `npm run schema`: rewrites schemas/script.schema.json from the loader's zod schema. Commit the
// result: a test fails when the committed file is stale.
import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCRIPT_JSON_SCHEMA_PATH, scriptJsonSchemaText } from "../model/script-json-schema.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const target = path.join(repo, SCRIPT_JSON_SCHEMA_PATH);
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, scriptJsonSchemaText());
console.log(`wrote ${SCRIPT_JSON_SCHEMA_PATH}`);
