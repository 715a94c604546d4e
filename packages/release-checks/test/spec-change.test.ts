// The promise "change the spec, run `pnpm generate`", end to end, in a scratch clone of this
// repository: a new operation (path, query and header parameters, an enum and a date-time among
// them, the token only in a header), one with a JSON request body (nullable and int32 fields among
// its schema's), and two new statuses on the existing operation (one with only
// a text body) reach both clients (typed: tsc accepts right params and refuses wrong ones) and the
// contract suite (its cases run against Prism) with no hand-written file changed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../..", import.meta.url));
let clone = "";

function sh(command: string, args: string[], cwd = clone) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CI: "true", TURBO_TELEMETRY_DISABLED: "1" }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function must(command: string, args: string[], cwd = clone) {
  const result = sh(command, args, cwd);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  return result;
}

/** What the maintainer adds to the spec: one operation, one status, one schema. */
function changeSpec(text: string): string {
  const newOperation = `  /v2/health:
    get:
      tags: [Presence]
      operationId: getHealth
      summary: Is the API up
      description: Public; takes no parameters and no credentials.
      security: []
      responses:
        '200':
          description: Up.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SubscribeResponse'
              example:
                success: true
                message: up
  /v2/presence/subscriptions:
    put:
      tags: [Presence]
      operationId: replaceSubscriptions
      summary: Replace the watched contacts
      x-idempotent: true
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/SubscriptionList'
            example:
              chatIds: ['447441429009@c.us']
              note: weekly
              limit: 5
      responses:
        '200':
          description: Replaced.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SubscriptionList'
              example:
                chatIds: ['447441429009@c.us']
                note: weekly
                limit: 5
        '400':
          description: Bad list.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
              example:
                status: 400
                message: bad list
                error: Bad Request
  /v2/presence/{chatId}:
    get:
      tags: [Presence]
      operationId: getPresence
      summary: Get a contact's presence
      description: The last known presence of one contact.
      security:
        - instanceId: []
          accessTokenHeader: []
      parameters:
        - $ref: '#/components/parameters/ChatId'
        - name: history
          in: query
          required: false
          description: How many past states to include.
          schema:
            type: integer
            example: 2
        - name: since
          in: query
          required: false
          description: Only states after this time.
          schema:
            type: string
            format: date-time
            example: '2026-11-26T09:30:00Z'
        - name: kind
          in: query
          required: false
          description: Only states of this type.
          schema:
            type: string
            enum: [available, unavailable]
            example: available
        - name: fields
          in: query
          required: false
          description: Which fields to include.
          schema:
            type: array
            items:
              type: string
              enum: [status, at]
          example: [status, at]
        - name: X-Request-Id
          in: header
          required: false
          description: A trace id.
          schema:
            type: string
            example: trace-1
      responses:
        '200':
          description: The contact's presence.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PresenceState'
              example:
                chatId: 447441429009@c.us
                status: available
                seen: [composing, available]
        '204':
          description: No presence seen yet.
        '404':
          description: Not found.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
              example:
                status: 404
                message: Session does not exist
                error: Not Found
`;
  const newStatus = `        '403':
          description: Forbidden. The plan does not include presence.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorResponse'
              example:
                status: 403
                message: subscription_required
                error: Forbidden
        '422':
          description: Unprocessable. The contact cannot be watched.
          content:
            text/plain:
              schema:
                $ref: '#/components/schemas/ErrorText'
              example: 'Contact cannot be watched'
`;
  const newSchema = `    SubscriptionList:
      type: object
      description: The contacts to watch.
      required: [chatIds]
      additionalProperties: false
      properties:
        chatIds:
          type: array
          items:
            type: string
            pattern: '^\\d{6,15}@c\\.us$'
          example: ['447441429009@c.us']
        note:
          type: string
          nullable: true
          maxLength: 20
          example: weekly
        limit:
          type: integer
          format: int32
          minimum: 1
          example: 5
    PresenceState:
      type: object
      description: A contact's last known presence.
      required: [chatId, status, seen]
      properties:
        chatId:
          type: string
          description: The contact.
          example: 447441429009@c.us
        status:
          type: string
          description: The last presence type.
          enum: [composing, recording, paused, available, unavailable]
          example: available
        seen:
          type: array
          description: The states seen today.
          items:
            type: string
            example: available
        at:
          type: string
          format: date-time
          description: When it was seen.
          example: '2026-11-26T09:31:00Z'
`;
  const at404 = "        '404':\n          description: Not found. The session";
  if (!text.includes("paths:\n") || !text.includes(at404) || !text.includes("  schemas:\n")) throw new Error("the spec changed shape; update this test's anchors");
  return text
    // Replacement functions: a replacement string would read the pattern's `$'` as a pattern.
    .replace("paths:\n", () => `paths:\n${newOperation}`)
    .replace(at404, () => `${newStatus}${at404}`)
    .replace("  schemas:\n", () => `  schemas:\n${newSchema}`)
    .replace(/^  version: (\d+)\.(\d+)\.\d+$/m, (_, major: string, minor: string) => `  version: ${major}.${Number(minor) + 1}.0`);
}

/** Type-checks `source` in the clone, against the built packages. */
function typeCheck(name: string, source: string) {
  const file = join(clone, "spec-change-check", name);
  must("mkdir", ["-p", join(clone, "spec-change-check")]);
  writeFileSync(file, source);
  const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
  return sh(process.execPath, [tsc, "--noEmit", "--strict", "--module", "esnext", "--moduleResolution", "bundler", "--target", "es2022", "--lib", "es2022,dom", "--skipLibCheck", file]);
}

/** Each call, made on a client the `factory` expression builds, must fail to type-check. */
function expectTypeErrors(file: string, factory: string, calls: ReadonlyArray<readonly [label: string, call: string]>) {
  for (const [label, call] of calls) {
    const bad = typeCheck(file, `${factory}.${call};\n`);
    expect(bad.stdout, label).toMatch(/error TS/);
  }
}

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), "wawp-spec-change-"));
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, clone]);
  must("pnpm", ["install", "--offline", "--frozen-lockfile"]);
  const spec = join(clone, "spec", "openapi.yaml");
  writeFileSync(spec, changeSpec(readFileSync(spec, "utf8")));
}, 240_000);
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe("a new operation and a new status, through `pnpm generate` alone", () => {
  it("is caught by the stale check first, which names the command", () => {
    const result = sh("pnpm", ["turbo", "run", "check:generated", "--continue"]);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("src/generated/ is stale");
    expect(result.stdout + result.stderr).toContain("pnpm generate");
  });

  it("regenerates and builds, changing only the spec and generated files", () => {
    must("pnpm", ["generate"]);
    must("pnpm", ["turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"]);
    const changed = must("git", ["status", "--porcelain"]).stdout.split("\n").filter(Boolean).map((line) => line.slice(3));
    expect(changed).toContain("spec/openapi.yaml");
    const handWritten = changed.filter((path) => path !== "spec/openapi.yaml" && !path.includes("/src/generated/"));
    expect(handWritten).toEqual([]);
    must("pnpm", ["turbo", "run", "check:generated"]);
  }, 360_000);

  it("types the new operation in @wawp/presence-client: right params accepted, wrong ones refused", () => {
    const good = typeCheck(
      "client-good.ts",
      `import { createPresenceClient, ForbiddenError } from "../packages/presence-client/dist/index.js";
const client = createPresenceClient({ instanceId: "i", accessToken: "t" });
export async function use() {
  const { data, error } = await client.getPresence({ chatId: "447441429009@c.us", history: 2, since: "2026-11-26T09:30:00Z", kind: "available", fields: ["status"], xRequestId: "t" });
  if (data) { const status: "composing" | "recording" | "paused" | "available" | "unavailable" = data.status; const at: string | undefined = data.at; return [status, at]; }
  if (error?.kind === "api" && error.status === 404) return error.serverMessage;
  const sub = await client.subscribeToPresence({ chatId: "447441429009@c.us" });
  if (sub.error instanceof ForbiddenError) { const s: 403 = sub.error.status; return s; }
  const health = await client.getHealth();
  if (health.data) { const seen: string[] = []; return [health.data.message, ...seen]; }
  const list = await client.replaceSubscriptions({ subscriptionList: { chatIds: ["447441429009@c.us"], note: null, limit: 5 } });
  if (list.data) return list.data.chatIds;
  return undefined;
}
`,
    );
    expect(good.stdout + good.stderr).toBe("");
    expectTypeErrors("client-bad.ts", `import { createPresenceClient } from "../packages/presence-client/dist/index.js";\nexport const p = createPresenceClient({ instanceId: "i", accessToken: "t" })`, [
      ["a misspelt parameter", `getPresence({ chatID: "447441429009@c.us" })`],
      ["a number for the contact", `getPresence({ chatId: 447441429009 })`],
      ["a string for an integer query parameter", `getPresence({ chatId: "447441429009@c.us", history: "2" })`],
      ["a value outside an enum", `getPresence({ chatId: "447441429009@c.us", kind: "sleeping" })`],
      ["one value for an array", `getPresence({ chatId: "447441429009@c.us", fields: "status" })`],
      ["a key for an operation without parameters", `getHealth({ verbose: true })`],
      ["a string for an array in the body", `replaceSubscriptions({ subscriptionList: { chatIds: "447441429009@c.us" } })`],
      ["no body", `replaceSubscriptions({})`],
    ]);
  }, 60_000);

  it("types the new operation in @wawp/presence-sdk: right params accepted, wrong ones refused", () => {
    const good = typeCheck(
      "sdk-good.ts",
      `import { createPresenceSdk } from "../packages/presence-sdk/dist/index.js";
const sdk = createPresenceSdk({ instanceId: "i", accessToken: "t" });
export async function use() {
  const state = await sdk.getPresence({ chatId: "447441429009@c.us", history: 2, since: "2026-11-26T09:30:00Z", kind: "available", fields: ["status"], xRequestId: "t" });
  const status: "composing" | "recording" | "paused" | "available" | "unavailable" = state.status;
  const at: string | undefined = state.at;
  const raw = await sdk.getPresenceRaw({ chatId: "447441429009@c.us" });
  const seen: string[] = state.seen;
  const health = await sdk.getHealth();
  const list = await sdk.replaceSubscriptions({ subscriptionList: { chatIds: ["447441429009@c.us"], limit: 5 } });
  return [status, at, raw.raw.status, ...seen, health.message, ...list.chatIds];
}
`,
    );
    expect(good.stdout + good.stderr).toBe("");
    expectTypeErrors("sdk-bad.ts", `import { createPresenceSdk } from "../packages/presence-sdk/dist/index.js";\nexport const p = createPresenceSdk({ instanceId: "i", accessToken: "t" })`, [
      ["a misspelt parameter", `getPresence({ chatID: "447441429009@c.us" })`],
      ["a value outside an enum", `getPresence({ chatId: "447441429009@c.us", kind: "sleeping" })`],
      ["a key for an operation without parameters", `getHealth({ verbose: true })`],
      ["a string for an array in the body", `replaceSubscriptions({ subscriptionList: { chatIds: "447441429009@c.us" } })`],
    ]);
  }, 60_000);

  it("refuses a body its schema refuses in both clients, naming the field, without sending it", () => {
    const script = (pkg: string, factory: string) => `
import { ${factory} } from "./packages/${pkg}/dist/index.js";
let sent = 0;
const client = ${factory}({ instanceId: "i", accessToken: "t", fetch: async () => { sent += 1; return new Response("{}"); } });
const bodies = [{ chatIds: ["x"] }, { chatIds: ["447441429009@c.us"], note: "a".repeat(21) }, { chatIds: [], limit: 0 }, { note: null }, { chatIds: [], extra: 1 }];
const messages = [];
for (const body of bodies) {
  try {
    const result = await client.replaceSubscriptions({ subscriptionList: body });
    messages.push(result?.error?.message ?? "accepted");
  } catch (error) {
    messages.push(error.message);
  }
}
// A valid body (a null note is allowed: nullable) is sent; the fake server's "{}" then breaks the
// success schema, which is not a validation error.
const valid = await client.replaceSubscriptions({ subscriptionList: { chatIds: ["447441429009@c.us"], note: null } }).then((result) => result?.error, (error) => error);
console.log(JSON.stringify({ messages, sent, validKind: valid?.kind }));
`;
    for (const [pkg, factory] of [["presence-client", "createPresenceClient"], ["presence-sdk", "createPresenceSdk"]] as const) {
      writeFileSync(join(clone, `body-${pkg}.mjs`), script(pkg, factory));
      const { messages, sent, validKind } = JSON.parse(must(process.execPath, [`body-${pkg}.mjs`]).stdout) as { messages: string[]; sent: number; validKind: string };
      expect(messages[0], pkg).toMatch(/^Invalid subscriptionList\.chatIds\[0\]: must match pattern/);
      expect(messages[1], pkg).toMatch(/^Invalid subscriptionList\.note: must NOT have more than 20 characters/);
      expect(messages[2], pkg).toMatch(/^Invalid subscriptionList\.limit: must be >= 1/);
      expect(messages[3], pkg).toMatch(/^Invalid subscriptionList: must have required property 'chatIds'/);
      expect(messages[4], pkg).toMatch(/^Invalid subscriptionList: must NOT have additional properties \('extra'\)/);
      // Only the last call, with a valid body, was sent.
      expect(sent, pkg).toBe(1);
      expect(validKind, pkg).toBe("unexpected_response");
    }
  }, 60_000);

  for (const pkg of ["presence-client", "presence-sdk"]) {
    it(`runs contract cases for the new operation and the new status in @wawp/${pkg}, against Prism`, () => {
      // The package's vitest config writes a JSON report next to the default output.
      const report = join(clone, "packages", pkg, "test-results", "vitest.json");
      const result = sh("pnpm", ["--filter", `@wawp/${pkg}`, "exec", "vitest", "run", "test/suites.test.ts", "-t", "getPresence|getHealth|replaceSubscriptions|subscribeToPresence: (every documented|input the client refuses)"]);
      const json = JSON.parse(readFileSync(report, "utf8")) as { testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }> };
      const tests = json.testResults.flatMap((file) => file.assertionResults);
      const failed = tests.filter((t) => t.status === "failed").map((t) => t.fullName);
      expect(failed.join("\n"), result.stdout.slice(-3000)).toBe("");
      const passed = tests.filter((t) => t.status === "passed").map((t) => t.fullName);
      expect(passed.filter((name) => name.includes("getPresence")).length).toBeGreaterThanOrEqual(6);
      expect(passed.some((name) => name.includes("getPresence: every documented response surfaces 200 application/json"))).toBe(true);
      expect(passed.some((name) => name.includes("getPresence: every documented response surfaces 404 application/json"))).toBe(true);
      expect(passed.some((name) => name.includes("getPresence: every documented response surfaces 204 with no body"))).toBe(true);
      // A public operation (security: []) and a required array in a success body.
      expect(passed.some((name) => name.includes("getHealth: every documented response surfaces 200 application/json"))).toBe(true);
      expect(passed.some((name) => /getPresence: random schema-valid responses .* 200 application\/json/.test(name))).toBe(true);
      expect(passed.some((name) => name.includes("subscribeToPresence: every documented response surfaces 403 application/json"))).toBe(true);
      expect(passed.some((name) => name.includes("subscribeToPresence: every documented response surfaces 422 text/plain"))).toBe(true);
      // A request body: the example goes through, and bodies the schema refuses are refused by the
      // client and by Prism alike.
      expect(passed.some((name) => name.includes("replaceSubscriptions: the example and its spellings returns the example body on success"))).toBe(true);
      expect(passed.some((name) => name.includes("replaceSubscriptions: input the client refuses refuses a subscriptionList without its required chatIds without sending anything"))).toBe(true);
      expect(passed.some((name) => name.includes("replaceSubscriptions: input the client refuses gets 400 from the mock when a subscriptionList of the wrong type (not object) is sent around the client"))).toBe(true);
      // With a 422 documented, Prism answers a request that breaks the spec with it.
      expect(passed.some((name) => /subscribeToPresence: input the client refuses gets 422 from the mock/.test(name))).toBe(true);
      // getPresence takes the token only in a header: a default client sends it there; "query" is refused.
      expect(passed.some((name) => name.includes('getPresence: credentials refuses credentialsIn "query"'))).toBe(true);
    }, 180_000);
  }
});
