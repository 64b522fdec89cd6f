// Starts Debian's chromium (or CHROMIUM_PATH) through playwright-core for the browser tests.
import { chromium, type Browser } from "playwright-core";

export async function launchChromium(options: { args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--autoplay-policy=no-user-gesture-required",
      ...(options.args ?? []),
    ],
  });
}
