// The two clients each bundle their own copy of the error classes; `instanceof` still works across
// them, and across each one's ESM and CJS builds, because the classes compare a registered brand.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as client from "@wawp/presence-client";
import * as sdk from "@wawp/presence-sdk";

const require = createRequire(import.meta.url);
const clientCjs = require("@wawp/presence-client") as typeof client;

const notFound = async () => new Response('{"message":"Session does not exist"}', { status: 404, headers: { "content-type": "application/json" } });
const options = { instanceId: "i", accessToken: "cross-package-token", fetch: notFound, retry: { maxRetries: 0 } };

describe("error classes across packages and module formats", () => {
  it("an error from @wawp/presence-client is an instance of @wawp/presence-sdk's classes, and the other way round", async () => {
    const { error } = await client.createPresenceClient(options).subscribe("447441429009@c.us");
    expect(error).toBeInstanceOf(sdk.NotFoundError);
    expect(error).toBeInstanceOf(sdk.PresenceApiError);
    expect(sdk.isPresenceError(error)).toBe(true);
    expect(error).not.toBeInstanceOf(sdk.UnauthorizedError);
    const thrown = await sdk.createPresenceSdk(options).subscribe("447441429009@c.us").catch((reason: unknown) => reason);
    expect(thrown).toBeInstanceOf(client.NotFoundError);
    expect(thrown).toBeInstanceOf(clientCjs.NotFoundError);
    expect(thrown).not.toBeInstanceOf(Response);
  });

  it("an error from the CJS build is an instance of the ESM build's classes", async () => {
    expect(clientCjs.NotFoundError).not.toBe(client.NotFoundError);
    const { error } = await clientCjs.createPresenceClient(options).subscribe("447441429009@c.us");
    expect(error).toBeInstanceOf(client.NotFoundError);
    expect(error).toBeInstanceOf(client.PresenceError);
    expect(client.isPresenceError(error)).toBe(true);
  });

  it("a plain object is no error, whatever it claims", () => {
    expect({ name: "NotFoundError", kind: "api", status: 404 }).not.toBeInstanceOf(client.PresenceError);
    expect(Object.create(Error.prototype)).not.toBeInstanceOf(client.NotFoundError);
  });
});
