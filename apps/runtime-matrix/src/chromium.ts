// Real Chromium for the browser checks: the system's build (Debian's `chromium` package), driven by
// playwright-core. Playwright's own browser downloads are never used.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** The browser binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const path = process.env["CHROMIUM_PATH"] || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(`no Chromium at ${path}: install it (apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary`);
  }
  return path;
}

// Headless, no sandbox (CI runs as root), and nothing that phones home. Playwright adds a fresh
// temporary --user-data-dir of its own.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS });
}
