// The browser row: bundles the smoke page from the installed tarballs, serves it from 127.0.0.1,
// runs it in real Chromium against Prism (another origin, so CORS is exercised), and watches the
// wire through Chromium's network events: a `credentialsIn: "header"` call must carry the token in
// the `access-token` header and nowhere in its URL.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Request } from "playwright-core";
import { bundleForBrowser } from "./browser-bundle.js";
import { launchChromium } from "./chromium.js";
import type { SmokeConfig, SmokeRow } from "./smoke-config.js";
import { isSmokeRows } from "./smoke-config.js";
import { serveFolder } from "./static-server.js";

export interface BrowserRun {
  version: string;
  rows: SmokeRow[];
}

const PAGE = (config: SmokeConfig): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>WAWP runtime matrix: browser</title>
<style>body{font:14px system-ui,sans-serif;margin:24px}td{padding:2px 10px;border-bottom:1px solid #ddd}</style></head>
<body>
<h1>Presence clients in the browser</h1>
<p id="status">running…</p>
<table id="results"></table>
<script type="application/json" id="config">${JSON.stringify(config).replace(/</g, "\\u003c")}</script>
<script type="module" src="./bundle.js"></script>
</body>
</html>
`;

/**
 * @param smokeDir the smoke folder inside the consumer project (its imports resolve there)
 * @param screenshot where to save the page's screenshot
 */
export async function runInBrowser(smokeDir: string, config: SmokeConfig, screenshot: string): Promise<BrowserRun> {
  const imports = config.modules.map((file, i) => `import * as p${i} from "./packages/${file}";`).join("\n");
  writeFileSync(join(smokeDir, "browser-packages.mjs"), `${imports}\nexport const packages = [${config.modules.map((_, i) => `p${i}`).join(", ")}];\n`);
  const site = join(smokeDir, "site");
  mkdirSync(site, { recursive: true });
  const bundle = await bundleForBrowser(join(smokeDir, "browser.mjs"), join(site, "bundle.js"));
  const bundleRow: SmokeRow = {
    package: "all",
    format: "-",
    check: "browser bundle",
    ok: bundle.problems.length === 0,
    detail: bundle.problems.length === 0 ? `${bundle.bytes} bytes, no Node-only import` : bundle.problems.join("; "),
  };
  if (!bundleRow.ok) return { version: "?", rows: [bundleRow] };
  writeFileSync(join(site, "index.html"), PAGE(config));

  const server = await serveFolder(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const posts: Request[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().startsWith(config.env.prismUrl)) posts.push(request);
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => "__smoke" in window, undefined, { timeout: 60_000 }).catch(() => {
      throw new Error(`the page did not finish: ${pageErrors.join("; ") || "no page error"}`);
    });
    const rows: unknown = await page.evaluate(() => Reflect.get(window, "__smoke"));
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    if (!isSmokeRows(rows)) throw new Error("the page reported malformed results");
    return { version: browser.version(), rows: [...rows, bundleRow, await wireRow(posts, config, server.url)] };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The header form as Chromium sent it: token in the header, not in the URL; Prism allowed the origin. */
async function wireRow(posts: Request[], config: SmokeConfig, origin: string): Promise<SmokeRow> {
  const row = (ok: boolean, detail: string): SmokeRow => ({ package: "all", format: "-", check: "token on wire", ok, detail });
  const headerForm: Request[] = [];
  for (const request of posts) if ((await request.allHeaders())["access-token"] !== undefined) headerForm.push(request);
  if (headerForm.length === 0) return row(false, `none of ${posts.length} POSTs to Prism carried an access-token header`);
  for (const request of headerForm) {
    const url = new URL(request.url());
    if (url.searchParams.has("access_token") || request.url().includes(config.env.token)) return row(false, `${request.url()} carries the token in its URL`);
    if ((await request.allHeaders())["access-token"] !== config.env.token) return row(false, "the access-token header does not hold the token");
    const allowed = (await request.response())?.headers()["access-control-allow-origin"];
    if (allowed !== origin) return row(false, `Prism's answer allowed origin ${String(allowed)}, not ${origin}`);
  }
  const queryForm = posts.filter((request) => new URL(request.url()).searchParams.has("access_token"));
  if (queryForm.length === 0) return row(false, "no query-form POST seen, so the network events prove nothing");
  return row(true, `${headerForm.length} header-form POSTs: token in header only, CORS allowed; ${queryForm.length} query-form POSTs`);
}
