// `simulate-events` run as a process: option checks (exit 2), and signed events that a real
// receiver (@wawp/presence-webhooks) verifies and validates against the spec.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks, type PresenceUpdate } from "@wawp/presence-webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEvents, planDeliveries, seededRandom } from "../src/simulate.js";
import { runCli } from "./run-cli.js";

const SECRET = "simulate-secret-81c2";

describe("simulate-events options", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--secret", SECRET], /Missing --to URL/],
    [["--to", "not a url", "--secret", SECRET], /--to must be an http\(s\) URL/],
    [["--to", "ftp://127.0.0.1/x", "--secret", SECRET], /--to must be an http\(s\) URL, got a ftp: URL/],
    [["--to", "http://127.0.0.1:9/"], /Missing webhook secret: pass --secret S or set WAWP_WEBHOOK_SECRET/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--count", "0"], /--count must be a whole number from 1 to 1000000, got '0'/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--rate", "0"], /--rate must be a number of deliveries per second above 0/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--rate", "fast"], /--rate must be a number/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--duplicates", "1.5"], /--duplicates must be a number from 0 to 1/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--chat-id", "+44 77"], /--chat-id: Invalid chatId/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--bogus"], /Unknown option '--bogus'/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--rate", "-5"], /--rate must be a number .*got '-5'/],
    [["--to", "http://127.0.0.1:9/", "--secret", SECRET, "--cuont", "3"], /Unknown option '--cuont' \(did you mean '--count'\?\)/],
  ];
  for (const [args, message] of cases) {
    it(`refuses ${args.filter((a) => a !== SECRET).join(" ")} with exit 2`, async () => {
      const run = await runCli(["simulate-events", ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toContain(SECRET);
    });
  }

  it("prints its own help", async () => {
    const run = await runCli(["simulate-events", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--duplicates P");
  });

  it("is listed in the CLI's usage", async () => {
    expect((await runCli(["--help"])).stdout).toContain("simulate-events --to URL --secret S");
  });
});

describe("the events it makes", () => {
  it("start from the spec's example, with varied types and increasing times", () => {
    const events = buildEvents(50, ["447700900001@c.us", "447700900002@c.us"], seededRandom(1), 1_000_000, 250);
    expect(new Set(events.map((e) => e.payload.type)).size).toBe(5);
    expect(events.map((e) => e.timestamp)).toEqual(events.map((_, i) => 1_000_000 + i * 250));
    expect(events[0]).toMatchObject({ session: "default", engine: "WEBJS", event: "presence.update", payload: { chatId: "447700900001@c.us", from: "447700900001@c.us" } });
    expect(new Set(events.map((e) => e.id)).size).toBe(50);
  });

  it("redeliver some events and shuffle the order when asked, the same way for the same seed", () => {
    const events = buildEvents(200, ["447700900001@c.us"], seededRandom(7), 0, 1);
    const plan = planDeliveries(events, 0.3, true, seededRandom(7));
    expect(plan.length).toBeGreaterThan(230);
    expect(plan.filter((d) => d.redelivery).length).toBe(plan.length - 200);
    expect(plan.map((d) => d.event.id)).not.toEqual([...plan.map((d) => d.event.id)].sort());
    expect(planDeliveries(events, 0.3, true, seededRandom(7)).map((d) => d.event.id)).toEqual(plan.map((d) => d.event.id));
  });
});

describe("simulate-events against a receiver", () => {
  let server: Server;
  let url = "";
  const received: PresenceUpdate[] = [];
  beforeAll(async () => {
    const webhooks = new Webhooks({ secret: SECRET });
    webhooks.on("presence.update", (event) => {
      received.push(event);
    });
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await webhooks.answer({
        method: req.method ?? "GET",
        headers: req.headers,
        readBody: async () => ({ ok: true, body: new Uint8Array(Buffer.concat(chunks)) }),
      });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/wawp`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends signed, valid events, redelivered and shuffled, and reports what was answered", async () => {
    const run = await runCli(
      ["simulate-events", "--to", url, "--count", "30", "--rate", "500", "--duplicates", "0.5", "--shuffle", "--seed", "3", "--chat-id", "447700900001@c.us", "--chat-id", "447700900002@c.us"],
      { WAWP_WEBHOOK_SECRET: SECRET },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const ids = new Set(received.map((e) => e.id));
    expect(ids.size).toBe(30);
    expect(received.length).toBeGreaterThan(30);
    expect(run.stdout).toBe(`Sent 30 events (+${received.length - 30} redeliveries) to ${url} (seed 3): 200: ${received.length}\n`);
    expect(new Set(received.map((e) => e.payload.chatId))).toEqual(new Set(["447700900001@c.us", "447700900002@c.us"]));
    expect(run.stdout).not.toContain(SECRET);
  });

  it("exits 1 when the receiver refuses the signature", async () => {
    const run = await runCli(["simulate-events", "--to", url, "--count", "2", "--secret", "wrong-secret"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("401: 2");
    // The receiver's own reason, so the user knows what to change.
    expect(run.stderr).toMatch(/answered 401: X-Webhook-Hmac does not match the body: the secret differs/);
    expect(`${run.stdout}${run.stderr}`).not.toContain("wrong-secret");
  });
});

describe("simulate-events against a hostile receiver", () => {
  let server: Server;
  let url = "";
  // The answer's body: one write, or one write per part.
  let reply: string | string[] = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json" });
        for (const part of Array.isArray(reply) ? reply : [reply]) res.write(part);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const simulate = (secret: string, count = 1) => runCli(["simulate-events", "--to", url, "--count", String(count), "--secret", secret]);
  const refusals = (stderr: string) => stderr.split("\n").filter((line) => line.includes("answered 400"));

  it("shows its message on one line, without control or format characters, and with the secret redacted", async () => {
    reply = JSON.stringify({ message: `bad\n\u001b[2J\u001b]0;owned\u0007 \u202emirrored\u200b secret ${SECRET} and ${encodeURIComponent(SECRET)}` });
    const run = await simulate(SECRET, 3);
    expect(run.code).toBe(1);
    // Every refused delivery shows the reason its status was given.
    expect(refusals(run.stderr)).toHaveLength(3);
    for (const line of refusals(run.stderr)) expect(line).toMatch(/answered 400: bad \[2J ]0;owned mirrored secret \[REDACTED\] and \[REDACTED\]$/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u200b\u202e]/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  });

  it("redacts a secret with spaces and tabs in it, however the message spaces it", async () => {
    const secret = "correct  horse\tbattery-staple";
    for (const echoed of [secret, "correct horse battery-staple", "correct\nhorse  battery-staple"]) {
      reply = JSON.stringify({ message: `expected ${echoed} here` });
      const run = await simulate(secret);
      expect(refusals(run.stderr)[0]).toMatch(/: answered 400: expected \[REDACTED\] here$/);
    }
  });

  it("shows no message at all when the secret is too short to redact inside text", async () => {
    reply = JSON.stringify({ message: "no match for b" });
    const run = await simulate("b");
    expect(run.stderr).toMatch(/: answered 400\n/);
    expect(run.stderr).not.toContain("no match");
  });

  it("shows nothing of a body over 4 KiB, however it arrives, nor of one that is not JSON", async () => {
    const long = JSON.stringify({ message: "x".repeat(5_000) });
    for (const body of [long, long.match(/[^]{1,1000}/g) ?? [], "<html>Bad Gateway</html>"]) {
      reply = body;
      const run = await simulate(SECRET);
      expect(run.stderr).toMatch(/: answered 400\n/);
    }
  });

  it("cuts a long message", async () => {
    reply = JSON.stringify({ message: "y".repeat(1_000) });
    const run = await simulate(SECRET);
    expect(run.stderr).toMatch(/: answered 400: y{297}\.\.\.\n/);
  });
});
