// The one place the tests get a browser. Order: CHROMIUM_PATH, then a system Chromium at
// /usr/bin/chromium (Debian's), otherwise the Chromium that @sparticuz/chromium ships inside its
// npm tarball, so `npm ci && npm test` needs nothing installed by hand. All of them are driven by
// playwright-core.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type LaunchOptions } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Flags every launch gets: this machine has no network but loopback and no GPU; the page plays audio unprompted. */
const BASE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
];

/**
 * @sparticuz/chromium's own flags are for AWS Lambda. These are left out so the tests see the page as
 * a listener's browser does: its web security (the page's file:// behaviour depends on it), site
 * isolation, and its own headless mode (Playwright chooses it; the quoted `--headless='shell'` would
 * clash with it).
 */
const LAMBDA_ONLY_ARGS = [
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--disable-site-isolation-trials$/,
  /^--disable-features=/,
  /^--headless/,
  /^--single-process$/,
  /^--no-zygote$/,
];

export interface LaunchChromiumOptions {
  /** Extra command-line flags (e.g. `--use-fake-device-for-media-stream`), added after the defaults. */
  args?: string[];
  /** Use the npm-shipped Chromium even when a system one is there (to check that one on any machine). */
  bundled?: boolean;
  /** Passed on to playwright-core's launch (headless, timeout, env, ...); `args` and `executablePath` are set here. */
  launch?: Omit<LaunchOptions, "args" | "executablePath">;
}

export interface ChromiumChoice {
  executablePath: string;
  /** What was chosen, for messages: "CHROMIUM_PATH", "system" or "@sparticuz/chromium <version>". */
  source: string;
  args: string[];
}

/** Which Chromium the tests use, and with which flags. */
export async function chooseChromium(options: { bundled?: boolean } = {}): Promise<ChromiumChoice> {
  const configured = process.env.CHROMIUM_PATH;
  if (!options.bundled && configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist. Unset it to use ${SYSTEM_CHROMIUM} or the Chromium from npm.`);
    return { executablePath: configured, source: "CHROMIUM_PATH", args: BASE_ARGS };
  }
  if (!options.bundled && existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system", args: BASE_ARGS };
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`The Chromium from npm (@sparticuz/chromium) runs on Linux x64 only, not ${process.platform} ${process.arch}: set CHROMIUM_PATH to a Chrome or Chromium of your own.`);
  }
  return bundledChromium();
}

/** Launches headless Chromium (see chooseChromium for which one) with the tests' flags plus `options.args`. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const choice = await chooseChromium({ bundled: options.bundled });
  try {
    return await chromium.launch({
      headless: true,
      ...options.launch,
      executablePath: choice.executablePath,
      args: [...choice.args, ...(options.args ?? [])],
    });
  } catch (error) {
    const hint = choice.source.startsWith("@sparticuz")
      ? " It needs the shared libraries libnss3 and libnspr4 (Debian: apt-get install libnss3), or set CHROMIUM_PATH to a Chromium of your own."
      : "";
    throw new Error(`Chromium (${choice.source}, ${choice.executablePath}) did not start: ${(error as Error).message}${hint}`);
  }
}

let bundled: Promise<ChromiumChoice> | undefined;

/**
 * @sparticuz/chromium keeps Chromium brotli-compressed in its package and inflates it into
 * os.tmpdir() (/tmp/chromium, plus its SwiftShader libraries beside it), trusting whatever it finds
 * there: a half-written file from an interrupted run, or another project's other version. So it
 * inflates here into a fresh folder, which is renamed into place whole, one folder per version.
 */
function bundledChromium(): Promise<ChromiumChoice> {
  bundled ??= (async () => {
    // (The package's exports do not include its package.json.)
    const manifest = path.join(root, "node_modules/@sparticuz/chromium/package.json");
    const { version } = JSON.parse(await readFile(manifest, "utf8")) as { version: string };
    const { default: sparticuz } = await import("@sparticuz/chromium");
    const cacheDir = path.join(root, "node_modules/.cache/rustpunt-chromium");
    const dir = path.join(cacheDir, version);
    const executablePath = path.join(dir, "chromium");
    if (!existsSync(executablePath)) {
      await mkdir(cacheDir, { recursive: true });
      const staging = await mkdtemp(path.join(cacheDir, `.inflate-${version}-`));
      try {
        await inflateInto(staging, () => sparticuz.executablePath());
        await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
          // Another test process finished first: its copy is as good as ours.
          if (!existsSync(executablePath)) throw error;
        });
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
    const args = sparticuz.args.filter((arg) => !LAMBDA_ONLY_ARGS.some((re) => re.test(arg)));
    return { executablePath, source: `@sparticuz/chromium ${version}`, args: [...BASE_ARGS, ...args.filter((a) => !BASE_ARGS.includes(a))] };
  })();
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

/** Runs the package's inflate with os.tmpdir() pointing at `dir` (it reads TMPDIR on every call). */
async function inflateInto(dir: string, inflate: () => Promise<string>): Promise<void> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    const inflated = await inflate();
    if (path.dirname(inflated) !== dir) throw new Error(`@sparticuz/chromium inflated Chromium to ${inflated}, not into ${dir}`);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
