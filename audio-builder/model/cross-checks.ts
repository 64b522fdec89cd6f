// Checks that need more than one file: ids, file and folder names, and the rule that
// every script exists in every locale with the same kind (the skill offers the same
// exercises in Dutch and English, so a missing partner is a missing feature).
import path from "node:path";
import { LOCALES, type Locale } from "./script-schema.js";
import type { ScriptProblem } from "./script-problems.js";
import type { Position } from "./yaml-locations.js";

export interface ScriptFile {
  /** Display path, e.g. scripts/nl-NL/ademhaling.yaml. */
  file: string;
  /** Name of the folder the file is in (should be a locale). */
  folder: string;
  /** File name without `.yaml`. */
  stem: string;
  /** Parsed YAML, whether or not it passed the schema; undefined when the YAML is broken. */
  data: unknown;
  locate(path: readonly PropertyKey[]): Position;
}

const isLocale = (folder: string): folder is Locale => (LOCALES as readonly string[]).includes(folder);

export function crossCheck(files: readonly ScriptFile[], displayRoot: string): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const at = (f: ScriptFile, field: string, message: string): void => {
    problems.push({ file: f.file, ...f.locate([field]), field, message });
  };
  const byLocale = new Map<Locale, Map<string, ScriptFile>>(LOCALES.map((l) => [l, new Map()]));
  const idsSeen = new Map<string, ScriptFile>();

  for (const f of files) {
    const id = rawString(f.data, "id");
    const locale = rawString(f.data, "locale");
    if (!isLocale(f.folder)) {
      at(f, "locale", `folder \`${f.folder}\` is not a known locale: move the file to a folder named ${LOCALES.join(" or ")}`);
      continue;
    }
    if (id !== undefined && id !== f.stem) {
      at(f, "id", `the file is named \`${f.stem}.yaml\` but its id is \`${id}\`: rename the file to \`${id}.yaml\` or change the id`);
    }
    if (locale !== undefined && locale !== f.folder) {
      at(f, "locale", `is \`${locale}\` but the file is in the ${f.folder} folder: move it to ${path.join(displayRoot, locale)} or fix the locale`);
    }
    if (id !== undefined) {
      const first = idsSeen.get(`${f.folder}/${id}`);
      if (first) at(f, "id", `\`${id}\` is already used by ${first.file}: every script in a locale needs its own id`);
      else idsSeen.set(`${f.folder}/${id}`, f);
    }
    // Partners are files: the fix for a missing one is "add <other>/<stem>.yaml".
    byLocale.get(f.folder)!.set(f.stem, f);
  }

  for (const [locale, scripts] of byLocale) {
    for (const [stem, f] of scripts) {
      for (const other of LOCALES.filter((l) => l !== locale)) {
        const partner = byLocale.get(other)!.get(stem);
        const expected = path.join(displayRoot, other, `${stem}.yaml`);
        if (!partner) {
          at(f, "id", `has no partner in ${other}: add ${expected} (every script exists in every locale)`);
          continue;
        }
        const kind = rawString(f.data, "kind");
        const partnerKind = rawString(partner.data, "kind");
        // An invalid kind is already reported by the schema; comparing it would only add noise.
        if (isKind(kind) && isKind(partnerKind) && kind !== partnerKind) {
          at(f, "kind", `is \`${kind}\` here but \`${partnerKind}\` in ${partner.file}: partners must be the same kind`);
        }
      }
    }
  }
  return problems;
}

const isKind = (kind: string | undefined): boolean => kind === "exercise" || kind === "info";

function rawString(data: unknown, key: string): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}
