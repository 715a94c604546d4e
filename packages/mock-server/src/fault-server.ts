// A small fault-injecting HTTP server on 127.0.0.1 for the fault, load and CLI tests. Each request
// takes the next step of a script (the last step repeats), so a test can say "502, 502, then 200".
// A success is the spec's own example for the operation the request names.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { successExampleFor } from "./spec-examples.js";

export type Fault =
  /** The documented success body. */
  | { kind: "ok" }
  /** Any status, body and headers. */
  | { kind: "status"; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Accept the request and never answer. */
  | { kind: "hang" }
  /** Send the headers (status 200 unless given) and part of the body, then reset the connection. */
  | { kind: "reset-mid-body"; status?: number }
  /** Reset the connection before answering at all. */
  | { kind: "reset-before-answer" }
  /** A 200 whose JSON ends half-way (the message is cleanly framed, just cut). */
  | { kind: "truncated-json" }
  /** A 200 with an HTML page, as from a captive proxy. */
  | { kind: "html-200" }
  /** A 200 whose JSON lacks the first field the spec requires of it. */
  | { kind: "missing-field" }
  /** A body of `bytes` bytes with the given status, streamed without a Content-Length. */
  | { kind: "huge-body"; status: number; bytes: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  /** ms since the server started. */
  at: number;
  /** Whether the connection that carried this request has closed. */
  connectionClosed: boolean;
}

export interface FaultServer {
  url: string;
  /** Requests received, in order. */
  requests: RecordedRequest[];
  /** Replaces the script; the request counter restarts. */
  script(...steps: Fault[]): void;
  /** Resolves once `count` requests in all have arrived; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Resolves once a request after the first `since` has arrived and every connection that carried
   * one has closed; rejects after `timeoutMs`, saying which of the two did not happen.
   */
  waitForConnectionsClosed(since: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const started = Date.now();
  let steps: Fault[] = [{ kind: "ok" }];
  let served = 0;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    const recorded: RecordedRequest = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, at: Date.now() - started, connectionClosed: false };
    requests.push(recorded);
    // One close listener per connection (added below), not per request: keep-alive connections
    // carry many requests, and a listener each would pile up.
    pendingBySocket.get(request.socket)?.push(recorded);
    const step = steps[Math.min(served, steps.length - 1)] ?? { kind: "ok" };
    served += 1;
    serve(step, response, successExampleFor(request.method ?? "", request.url ?? ""));
  });
  const pendingBySocket = new WeakMap<Socket, RecordedRequest[]>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    const carried: RecordedRequest[] = [];
    pendingBySocket.set(socket, carried);
    socket.once("close", () => {
      sockets.delete(socket);
      for (const recorded of carried) recorded.connectionClosed = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  const waitForRequests = (count: number, timeoutMs = 5_000): Promise<void> =>
    until(() => requests.length >= count, timeoutMs, () => `${requests.length} of ${count} requests arrived within ${timeoutMs} ms`);

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...next) {
      steps = next.length > 0 ? next : [{ kind: "ok" }];
      served = 0;
    },
    waitForRequests,
    async waitForConnectionsClosed(since, timeoutMs = 5_000) {
      // A test names where its own requests start: "the last request" could be an earlier test's,
      // on a keep-alive connection that rightly stays open, if this test's never arrived.
      const deadline = Date.now() + timeoutMs;
      await waitForRequests(since + 1, timeoutMs);
      const open = () => requests.slice(since).filter((request) => !request.connectionClosed).length;
      await until(() => open() === 0, deadline - Date.now(), () => `${open()} connection(s) carrying requests after #${since} still open after ${timeoutMs} ms`);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function until(done: () => boolean, timeoutMs: number, failure: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function serve(step: Fault, response: ServerResponse, ok: { body: string; withoutRequiredField: string }): void {
  const OK_BODY = ok.body;
  switch (step.kind) {
    case "ok":
      response.writeHead(200, { "content-type": "application/json" }).end(OK_BODY);
      return;
    case "status":
      response.writeHead(step.status, { "content-type": step.contentType ?? "application/json", ...step.headers }).end(step.body ?? JSON.stringify({ status: step.status, message: `status ${step.status}` }));
      return;
    case "hang":
      return;
    case "reset-mid-body":
      response.writeHead(step.status ?? 200, { "content-type": "application/json", "content-length": String(OK_BODY.length) });
      response.write(OK_BODY.slice(0, 10), () => response.socket?.resetAndDestroy());
      return;
    case "reset-before-answer":
      response.socket?.resetAndDestroy();
      return;
    case "truncated-json":
      response.writeHead(200, { "content-type": "application/json" }).end(OK_BODY.slice(0, 20));
      return;
    case "html-200":
      response.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><head><title>Sign in to the Wi-Fi</title></head><body>Accept the terms</body></html>");
      return;
    case "missing-field":
      response.writeHead(200, { "content-type": "application/json" }).end(ok.withoutRequiredField);
      return;
    case "huge-body": {
      response.writeHead(step.status, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      let left = step.bytes;
      const pump = (): void => {
        while (left > 0) {
          const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= part.length;
          if (!response.write(part)) {
            response.once("drain", pump);
            return;
          }
        }
        response.end();
      };
      response.on("error", () => undefined);
      pump();
      return;
    }
  }
}
