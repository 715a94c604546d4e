// Your code, tested against @wawp/presence-client with no network and no mock server: the mock
// fetch answers from the API's own documented examples.
import { describe, expect, it } from "vitest";
import { createPresenceClient, type PresenceClient } from "@wawp/presence-client";
import { createMockFetch } from "@wawp/presence-client/testing";

// The code under test: a function of your app that subscribes to a contact.
async function watch(client: PresenceClient, chatId: string): Promise<string> {
  const { error } = await client.subscribe(chatId);
  if (!error) return "watching";
  return error.kind === "api" ? `refused: ${error.status} ${error.serverMessage}` : `failed: ${error.kind}`;
}

describe("watch", () => {
  const options = { instanceId: "test-instance", accessToken: "test-token-1234" };

  it("subscribes to the contact, once", async () => {
    const mock = createMockFetch();
    const client = createPresenceClient({ ...options, fetch: mock.fetch });
    expect(await watch(client, "447441429009@c.us")).toBe("watching");
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.operationId).toBe("subscribeToPresence");
    expect(mock.requests[0]?.pathParams).toEqual({ chatId: "447441429009@c.us" });
    // Recorded requests never hold the token.
    expect(JSON.stringify(mock.requests)).not.toContain("test-token-1234");
  });

  it("rides out two 502s from the upstream", async () => {
    const mock = createMockFetch().script("subscribeToPresence", 502, 502, 200);
    const client = createPresenceClient({ ...options, fetch: mock.fetch, retry: { initialDelayMs: 1 } });
    expect(await watch(client, "447441429009@c.us")).toBe("watching");
    expect(mock.requests).toHaveLength(3);
  });

  it("reports a 401, here as the spec's XML example", async () => {
    const mock = createMockFetch().script("subscribeToPresence", { status: 401, contentType: "application/xml" });
    const client = createPresenceClient({ ...options, fetch: mock.fetch });
    expect(await watch(client, "447441429009@c.us")).toBe("refused: 401 Invalid or missing access token");
  });

  it("reports a network failure", async () => {
    const mock = createMockFetch().script("subscribeToPresence", { networkError: "ECONNRESET" });
    const client = createPresenceClient({ ...options, fetch: mock.fetch, retry: { maxRetries: 0 } });
    expect(await watch(client, "447441429009@c.us")).toBe("failed: connection");
  });
});
