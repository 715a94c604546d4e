// The page in real Chromium (Debian's /usr/bin/chromium, driven by playwright-core), against real
// board processes: subscribing with the keyboard, live badges, failed subscribes, and catching up
// after the server was down. Screenshots land in test-results/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type {} from "@wawp/client-suites/provided-context";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBoard, tempDb, type BoardProcess } from "./board-process.js";
import { startCredentialStrippingProxy } from "./credential-stripping-proxy.js";
import { sendEvent } from "./webhook-sender.js";

const CHROMIUM = "/usr/bin/chromium";
const SECRET = "browser-test-secret-93b0";
const RESULTS = "test-results";
const ALICE = "447700900301@c.us";
const BOB = "447700900302@c.us";

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. The browser tests drive a real browser and are never skipped: install it with \`apt-get install chromium\`.`);
  }
  mkdirSync(RESULTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "presence-board-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1000, height: 720 },
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function credentialsFor(baseUrl: string): Record<string, string> {
  return { WAWP_WEBHOOK_SECRET: SECRET, WAWP_BASE_URL: baseUrl, WAWP_INSTANCE_ID: "browser-instance", WAWP_ACCESS_TOKEN: "browser-token-5e7f" };
}

const badge = (page: Page, chatId: string) => page.locator(`tr[data-chat-id="${chatId}"] .badge`);

async function openBoard(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.locator('#connection[data-state="live"]').waitFor({ timeout: 10_000 });
  return page;
}

describe("the page, against the board's own Prism mock", () => {
  let board: BoardProcess;
  let page: Page;
  beforeAll(async () => {
    // No credentials: the board starts the embedded mock itself, as `pnpm board` does.
    board = await startBoard(["--port", "0", "--db", tempDb()], { WAWP_WEBHOOK_SECRET: SECRET });
    expect(board.output()).toContain("Starting the embedded Prism mock");
    page = await openBoard(board.url);
  });
  afterAll(async () => {
    await page?.close();
    await board?.stop();
  });

  it("subscribes with the keyboard alone (Tab, type, Tab, Enter) and the contact appears", async () => {
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("skip-link");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("chat-id");
    await page.keyboard.type(ALICE);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("subscribe-button");
    // The focus ring is drawn: an outline on the focused button.
    expect(await page.locator("#subscribe-button").evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    await page.screenshot({ path: `${RESULTS}/board-keyboard-focus.png` });
    await page.keyboard.press("Enter");

    await expect.poll(() => page.locator("#subscribe-result").textContent()).toContain(`Subscribed:${ALICE} (200) Operation completed successfully`);
    expect(await page.locator("#subscribe-result").getAttribute("aria-live")).toBe("polite");
    await expect.poll(() => badge(page, ALICE).textContent()).toBe("unknown");
    expect(await page.locator(`tr[data-chat-id="${ALICE}"] td`).last().textContent()).toBe("yes");
  });

  it("shows `typing` within 1 s of a composing event being acknowledged", async () => {
    const status = await sendEvent(board.url, SECRET, { id: "evt_browser_typing", chatId: ALICE, type: "composing", timestamp: Date.now() });
    expect(status).toBe(200);
    const acknowledged = performance.now();
    await page.locator(`tr[data-chat-id="${ALICE}"] .badge[data-badge="typing"]`).waitFor({ timeout: 1_000 });
    const elapsed = performance.now() - acknowledged;
    console.log(`composing acknowledged -> badge "typing" on the page: ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1_000);

    // A few more contacts and states for the screenshot; relative times are shown and update.
    const now = Date.now();
    expect(await sendEvent(board.url, SECRET, { id: "evt_browser_bob1", chatId: BOB, type: "available", timestamp: now - 95_000 })).toBe(200);
    expect(await sendEvent(board.url, SECRET, { id: "evt_browser_bob2", chatId: BOB, type: "unavailable", timestamp: now - 30_000 })).toBe(200);
    expect(await sendEvent(board.url, SECRET, { id: "evt_browser_rec", chatId: "447700900303@c.us", type: "recording", timestamp: now })).toBe(200);
    expect(await sendEvent(board.url, SECRET, { id: "evt_browser_pause", chatId: "447700900304@c.us", type: "paused", timestamp: now - 5_000 })).toBe(200);
    await expect.poll(() => badge(page, BOB).textContent()).toBe("offline");
    // Times are rounded to the second, so a slow render may read 31 s or more; the seconds unit is what matters.
    await expect
      .poll(async () => (await page.locator(`tr[data-chat-id="${BOB}"] time`).allTextContents()).join(" | "))
      .toMatch(/^3\d seconds ago \| 2 minutes ago$/);
    await page.locator("#chat-id").focus();
    // Let the rows' change highlight fade, so the screenshot shows the resting page.
    await page.waitForTimeout(1_300);
    await page.screenshot({ path: `${RESULTS}/board-live.png` });
  });

  it("shows an invalid chatId's PresenceValidationError in the live region", async () => {
    await page.locator("#chat-id").fill("+44 7700 900301");
    await page.locator("#chat-id").press("Enter");
    const result = page.locator("#subscribe-result");
    await expect.poll(() => result.getAttribute("data-outcome")).toBe("error");
    expect(await result.textContent()).toContain("PresenceValidationError:");
    // The client's own message: what is wrong, with the expected form and an example.
    expect(await result.textContent()).toMatch(/Invalid chatId: .*\(got "\+44 7700 900301"\).*447441429009@c\.us/);
    expect(await page.locator("#chat-id").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("the page, when the API refuses the credentials", () => {
  it("shows the mock's 401 as UnauthorizedError with its message", async () => {
    const proxy = await startCredentialStrippingProxy(inject("prismUrl"));
    const board = await startBoard(["--port", "0", "--db", ":memory:"], credentialsFor(proxy.url));
    const page = await openBoard(board.url);
    try {
      await page.locator("#chat-id").fill(ALICE);
      await page.getByRole("button", { name: "Subscribe" }).click();
      const result = page.locator("#subscribe-result");
      await expect.poll(() => result.getAttribute("data-outcome")).toBe("error");
      expect(await result.textContent()).toMatch(/^UnauthorizedError \(API status 401\):.+/);
      expect(await result.textContent()).not.toContain("browser-token-5e7f");
      await page.screenshot({ path: `${RESULTS}/board-error.png` });
    } finally {
      await page.close();
      await board.stop();
      await proxy.close();
    }
  });
});

describe("the page, across a server restart", () => {
  it("shows events that were stored while it was disconnected, after it reconnects, without a reload", async () => {
    const db = tempDb();
    const env = credentialsFor(inject("prismUrl"));
    let board = await startBoard(["--port", "0", "--db", db], env);
    const port = new URL(board.url).port;
    const t = Date.now();
    expect(await sendEvent(board.url, SECRET, { id: "evt_restart_1", chatId: ALICE, type: "available", timestamp: t })).toBe(200);
    const page = await openBoard(board.url);
    try {
      await expect.poll(() => badge(page, ALICE).textContent()).toBe("online");
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));

      // The board goes down; the page notices.
      await board.kill();
      await expect.poll(() => page.locator("#connection").getAttribute("data-state")).toBe("reconnecting");

      // Events arrive while the page is disconnected: another board process on the same database
      // (on another port, which the page does not know) acknowledges them, so they are stored.
      const other = await startBoard(["--port", "0", "--db", db], env);
      expect(await sendEvent(other.url, SECRET, { id: "evt_restart_2", chatId: ALICE, type: "recording", timestamp: t + 1_000 })).toBe(200);
      expect(await sendEvent(other.url, SECRET, { id: "evt_restart_3", chatId: BOB, type: "composing", timestamp: t + 2_000 })).toBe(200);
      await other.stop();
      expect(await badge(page, ALICE).textContent()).toBe("online");
      expect(await badge(page, BOB).count()).toBe(0);

      // The board comes back where the page expects it; the page catches up from its Last-Event-ID.
      board = await startBoard(["--port", port, "--db", db], env);
      await expect.poll(() => badge(page, ALICE).textContent(), { timeout: 15_000 }).toBe("recording");
      await expect.poll(() => badge(page, BOB).textContent()).toBe("typing");
      await expect.poll(() => page.locator("#connection").getAttribute("data-state")).toBe("live");
      expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
      await page.screenshot({ path: `${RESULTS}/board-reconnected.png` });
    } finally {
      await page.close();
      await board.stop();
    }
  });
});
