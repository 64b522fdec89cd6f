// The planning form's script, bundled by esbuild at build time (once per process) into one
// minified IIFE for the page to inline: the page stays one file that loads nothing from
// elsewhere. It carries ical-generator (~37 KB) and the tz database's VTIMEZONE blocks (~30 KB),
// about 17 KB gzipped on the wire. Generating the files at build time and filling in a template
// in the page would be smaller, but the page cannot know the visitor's days, time and zone in
// advance, and a second, hand-written iCalendar writer in the page is exactly what the library
// is for. License comments are kept at the end of the script.
import { fileURLToPath } from "node:url";
import { build, stop } from "esbuild";

const ENTRY = fileURLToPath(new URL("./plan-form.browser.ts", import.meta.url));

let script: Promise<string> | undefined;

export function planFormScript(): Promise<string> {
  script ??= bundle().catch((error: unknown) => {
    script = undefined; // a fixed source gets another try
    throw error;
  });
  return script;
}

async function bundle(): Promise<string> {
  try {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      write: false,
      legalComments: "eof",
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.text;
    if (!code) throw new Error(`esbuild bundled nothing for ${ENTRY}`);
    // Inside <script>, "</script" would end the element early.
    return code.replace(/<\/(script)/gi, "<\\/$1").trim();
  } finally {
    // esbuild's service process would otherwise live as long as the build.
    await stop();
  }
}
