// Chromium for the page tests, driven by playwright-core: Debian's chromium by default
// (/usr/bin/chromium), or the one CHROMIUM_PATH names.
import { chromium, type Browser, type LaunchOptions } from "playwright-core";

/** Quiet, offline-friendly flags: no sandbox (tests run as root in CI), no background traffic. */
const DEFAULT_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
];

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    ...options,
    args: [...DEFAULT_ARGS, ...(options.args ?? [])],
  });
}
