// The built docs (pnpm docs) opened in real Chromium from a loopback server, as a reader would
// open the published site. What they must show is read from the spec. Any request that would leave
// 127.0.0.1 fails the test: the docs must work offline.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium } from "@wawp/runtime-matrix/chromium";
import { publishedPackages } from "@wawp/runtime-matrix/published";
import { serveFolder, type StaticServer } from "@wawp/runtime-matrix/static-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specFacts } from "./spec-facts.js";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const results = fileURLToPath(new URL("../test-results/", import.meta.url));
const facts = specFacts();
let server: StaticServer;
let browser: Browser;
/** Requests that would have gone to another origin (aborted before they left). */
const escaped: string[] = [];
/** Requests the page's own Content-Security-Policy stopped in the browser (Redoc's CDN logo). */
const blockedByPolicy: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist}index.html is missing: run pnpm docs first`);
  mkdirSync(results, { recursive: true });
  server = await serveFolder(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route(
    (url) => url.protocol.startsWith("http") && url.origin !== server.url,
    (route) => {
      escaped.push(route.request().url());
      return route.abort();
    },
  );
  page.on("requestfailed", (request) => {
    if (request.failure()?.errorText === "csp") blockedByPolicy.push(request.url());
  });
  await page.goto(`${server.url}/${path}`);
  return page;
}

/** The text of the middle column (Redoc renders each section as its own panel). */
async function middleText(page: Page): Promise<string> {
  return (await page.getByTestId("middle-panel").allInnerTexts()).join("\n");
}

// Redoc shows one content type as a disabled <select>, several as a menu button; both are
// labelled "Response media type".
const MEDIA_TYPE = "Response media type";

async function mediaTypes(page: Page, samples: Locator): Promise<string[]> {
  const select = samples.locator(`select[aria-label="${MEDIA_TYPE}"]`);
  if (await select.count()) return (await select.locator("option").allInnerTexts()).map((type) => type.trim());
  const items = await openMediaTypeMenu(page, samples);
  const offered = (await items.allInnerTexts()).map((type) => type.trim());
  await samples.getByRole("button", { name: MEDIA_TYPE }).click();
  await items.first().waitFor({ state: "hidden" });
  return offered;
}

async function openMediaTypeMenu(page: Page, samples: Locator): Promise<Locator> {
  await samples.getByRole("button", { name: MEDIA_TYPE }).click();
  const items = page.getByRole("menuitem");
  await items.first().waitFor();
  return items;
}

async function chooseMediaType(page: Page, samples: Locator, contentType: string): Promise<void> {
  const select = samples.locator(`select[aria-label="${MEDIA_TYPE}"]`);
  if (await select.count()) {
    if (await select.isEnabled()) await select.selectOption(contentType);
    return;
  }
  const items = await openMediaTypeMenu(page, samples);
  await items.filter({ hasText: contentType }).first().click();
  await expect.poll(() => samples.getByRole("button", { name: MEDIA_TYPE }).innerText()).toBe(contentType);
}

/** Opens the reference at an operation the way a reader does: through the sidebar. */
async function openOperation(operation: { tag: string; summary: string }): Promise<Page> {
  const page = await open("index.html");
  const sidebar = page.locator('[data-component-name="Menu/Menu"]').first();
  const entry = sidebar.getByText(operation.summary, { exact: true }).first();
  if (operation.tag && !(await entry.isVisible())) await sidebar.getByText(operation.tag, { exact: true }).first().click();
  await entry.click();
  await expect.poll(() => middleText(page)).toContain(operation.summary);
  return page;
}

describe("the HTTP API reference (Redocly, from spec/openapi.yaml)", () => {
  it("is one self-contained file: no script, style or font from elsewhere, telemetry off", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html.match(/<(script|link|img|iframe)\b[^>]*\b(src|href)=["']?(https?:)?\/\/[^>]*>/gi) ?? []).toEqual([]);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain('"disableTelemetry":true');
  });

  for (const operation of facts.operations) {
    it(`shows ${operation.method} ${operation.path}: every status with its content types and examples`, async () => {
      const page = await openOperation(operation);
      // The method and path head the request sample; the parameters' examples sit under them.
      expect(await page.getByTestId("right-panel").allInnerTexts()).toContainEqual(expect.stringContaining(`${operation.method}\n${operation.path}`));
      const text = await middleText(page);
      for (const example of operation.parameterExamples) expect(text).toContain(example);

      // The responses: the middle section with a tab per status, and the right-hand panel of samples
      // with a button per status and a media-type picker.
      // Redoc renders every operation and webhook on one page: look only inside this operation's section.
      const section = page.locator(`[data-section-id$="/${operation.operationId.toLowerCase()}"]`);
      const middle = section.getByTestId("middle-panel").filter({ has: page.getByRole("tab") });
      const firstStatus = operation.responses[0]?.status ?? "200";
      const samples = page.getByTestId("right-panel").filter({ has: page.getByRole("button", { name: firstStatus, exact: true }) }).last();
      for (const response of operation.responses) {
        await middle.getByRole("tab", { name: response.status, exact: true }).click();
        await expect.poll(() => middle.innerText(), { message: `status ${response.status}` }).toContain(response.description);
        await samples.getByRole("button", { name: response.status, exact: true }).click();
        expect((await mediaTypes(page, samples)).sort(), `content types of ${response.status}`).toEqual([...response.examples.keys()].sort());
        for (const [contentType, shown] of response.examples) {
          await chooseMediaType(page, samples, contentType);
          const sample = samples.getByTestId("source-code");
          for (const value of shown) {
            await expect.poll(() => sample.innerText(), { message: `${response.status} ${contentType} example` }).toContain(value);
          }
        }
      }

      // Back to what a reader lands on: the first status and its first content type.
      const [landing] = operation.responses;
      if (landing) {
        await middle.getByRole("tab", { name: landing.status, exact: true }).click();
        await samples.getByRole("button", { name: landing.status, exact: true }).click();
        const [firstType] = landing.examples.keys();
        if (firstType) await chooseMediaType(page, samples, firstType);
      }
      await page.screenshot({ path: join(results, "docs.png"), fullPage: true });
      await page.close();
      expect(escaped).toEqual([]);
    });
  }

  it("shows the page's example contact and success message", async () => {
    const [operation] = facts.operations;
    if (!operation) throw new Error("the spec has no operation");
    const page = await openOperation(operation);
    await expect.poll(() => page.locator("body").innerText()).toContain("447441429009@c.us");
    expect(await page.locator("body").innerText()).toContain("Operation completed successfully");
    await page.close();
  });

  it("shows every security scheme", async () => {
    const [operation] = facts.operations;
    if (!operation) throw new Error("the spec has no operation");
    const page = await openOperation(operation);
    for (const scheme of facts.securitySchemes) await expect.poll(() => middleText(page), { message: scheme }).toContain(scheme);
    await page.close();
  });

  // Runs once the spec has an x-webhooks section; until then there is nothing to show.
  for (const webhook of facts.webhooks) {
    it(`shows the ${webhook.name} webhook and its event's fields`, async () => {
      const page = await openOperation(webhook);
      const text = await middleText(page);
      expect(text).toContain("Webhook");
      for (const field of webhook.fields) expect(text).toContain(field);
      await page.close();
    });
  }

  it("loaded nothing from another origin", () => {
    expect(escaped).toEqual([]);
    // Redoc's attribution logo is the one outside URL it tries; the page's policy stops it.
    expect(blockedByPolicy.every((url) => url.startsWith("https://cdn.redoc.ly/"))).toBe(true);
  });
});

describe("the TypeScript API reference (TypeDoc)", () => {
  for (const pkg of publishedPackages()) {
    it(`documents every runtime export of ${pkg.name}`, async () => {
      const index = await open("api/index.html");
      await index.getByRole("link", { name: pkg.name, exact: true }).click();
      await expect.poll(() => index.title()).toContain(pkg.name);
      await index.close();

      // The package's own public surface, from its build: the self-reference resolves its exports.
      const exported = Object.keys(createRequire(join(pkg.dir, "package.json"))(pkg.name) as object).filter((name) => name !== "__esModule");
      expect(exported.length).toBeGreaterThan(0);
      const modules = await open(`api/${pkg.folder}/modules.html`);
      const text = await modules.locator("body").innerText();
      const missing = exported.filter((name) => !text.includes(name));
      expect(missing, `exports missing from the ${pkg.name} docs`).toEqual([]);
      await modules.close();
      expect(escaped).toEqual([]);
    });
  }
});
