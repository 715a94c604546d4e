// A `fetch` for users' own tests: it answers every operation of the spec with the spec's own
// examples, with no network and no Prism. Generated data (the API table and the examples) drive it,
// so a status added to the spec can be scripted with no change here. Published as the `testing`
// entry of each client, apart from the main entry, so importing a client never pulls it in.

import { API, type OperationId } from "./generated/api.gen.js";
import { EXAMPLES } from "./generated/examples.gen.js";
import { OPERATIONS, TOKEN_CARRIERS } from "./api.js";
import { REDACTED } from "./redact.js";

type Examples = typeof EXAMPLES;
/** The statuses the spec documents for an operation. */
export type DocumentedStatus<Op extends OperationId> = keyof (typeof API.operations)[Op]["responses"] & number;
/** The content types the spec documents for a status of an operation. */
export type DocumentedContentType<Op extends OperationId, S extends DocumentedStatus<Op>> = S extends keyof Examples[Op] ? keyof Examples[Op][S] & string : never;

/** One scripted answer: a documented status (its example, in its first documented content type), or more. */
export type MockStep<Op extends OperationId> =
  | DocumentedStatus<Op>
  | { [S in DocumentedStatus<Op>]: { status: S; contentType?: DocumentedContentType<Op, S>; headers?: Record<string, string>; delayMs?: number } }[DocumentedStatus<Op>]
  /** Anything the spec does not document: an undocumented status, a broken body. */
  | { status: number; body: string; contentType?: string; headers?: Record<string, string>; delayMs?: number }
  /** The connection fails, as a network error would. */
  | { networkError: string };

/** A request the mock received, with every credential replaced by `[REDACTED]`. */
export interface RecordedRequest {
  operationId: OperationId | undefined;
  method: string;
  /** The URL, with the token's query parameter redacted. */
  url: string;
  /** The path parameters, decoded, by name. */
  pathParams: Record<string, string>;
  /** The headers, lower-case names, the token's header redacted. */
  headers: Record<string, string>;
  body: string | undefined;
}

export interface MockFetch {
  /** Pass it as the client's `fetch` option. */
  fetch: typeof globalThis.fetch;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for an operation: each request takes the next one; after the last, the default success. */
  script<Op extends OperationId>(operationId: Op, ...steps: MockStep<Op>[]): MockFetch;
  /** Forgets the requests and every script. */
  reset(): void;
}

const TOKEN_QUERY = new Set(TOKEN_CARRIERS.query);
const TOKEN_HEADERS = new Set(TOKEN_CARRIERS.headers);

interface Route {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  names: string[];
}

const ROUTES: Route[] = (Object.keys(OPERATIONS) as OperationId[]).map((operationId) => {
  const operation = OPERATIONS[operationId]!;
  const names: string[] = [];
  const source = operation.path.replace(/[.*+?^$()|[\]\\]|\{([^}]+)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return `\\${match}`;
    names.push(name);
    return "([^/]+)";
  });
  return { operationId, method: operation.method.toUpperCase(), pattern: new RegExp(`^${source}$`), names };
});

/**
 * Creates a mock `fetch`. Every operation answers its first documented success by default, with
 * the spec's example; `script` queues other documented answers (502, 502, then 200...).
 */
export function createMockFetch(): MockFetch {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<OperationId, Array<MockStep<OperationId>>>();

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const route = ROUTES.find((r) => r.method === request.method && r.pattern.test(url.pathname));
    const pathParams: Record<string, string> = {};
    if (route) {
      const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
      route.names.forEach((name, index) => (pathParams[name] = decodeURIComponent(values[index] ?? "")));
    }
    for (const name of TOKEN_QUERY) if (url.searchParams.has(name)) url.searchParams.set(name, REDACTED);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = TOKEN_HEADERS.has(name) ? REDACTED : value));
    requests.push({
      operationId: route?.operationId,
      method: request.method,
      url: url.href.replace(encodeURIComponent(REDACTED), REDACTED),
      pathParams,
      headers,
      body: request.body ? await request.text() : undefined,
    });
    if (!route) return new Response(`No operation of the spec matches ${request.method} ${url.pathname}`, { status: 404, headers: { "content-type": "text/plain" } });
    const step = scripts.get(route.operationId)?.shift() ?? defaultStep(route.operationId);
    return answer(route.operationId, step, request);
  };

  const mock: MockFetch = {
    fetch,
    requests,
    script(operationId, ...steps) {
      if (!OPERATIONS[operationId]) throw new TypeError(`createMockFetch: "${String(operationId)}" is not an operation of the spec; known: ${Object.keys(OPERATIONS).join(", ")}`);
      scripts.set(operationId, [...(scripts.get(operationId) ?? []), ...(steps as Array<MockStep<OperationId>>)]);
      return mock;
    },
    reset() {
      requests.length = 0;
      scripts.clear();
    },
  };
  return mock;
}

function defaultStep(operationId: OperationId): MockStep<OperationId> {
  const success = Object.keys(OPERATIONS[operationId]!.successBodies).map(Number)[0] ?? 200;
  const [contentType, body] = exampleBody(operationId, success) ?? ["application/json", ""];
  return { status: success, body, contentType };
}

/** The first documented content type of a status and its example, or the one asked for. */
function exampleBody(operationId: OperationId, status: number, contentType?: string): [string, string] | undefined {
  const byType: Record<string, string | null> | undefined = (EXAMPLES as Record<string, Record<number, Record<string, string | null>>>)[operationId]?.[status];
  if (!byType) return undefined;
  const type = contentType ?? Object.keys(byType)[0];
  if (type === undefined) return undefined;
  const body = byType[type];
  if (body === undefined) throw new TypeError(`createMockFetch: ${operationId} documents no ${type} for ${status}; it documents ${Object.keys(byType).join(", ")}`);
  return [type, body ?? ""];
}

async function answer(operationId: OperationId, step: MockStep<OperationId>, request: Request): Promise<Response> {
  if (typeof step === "object" && "networkError" in step) throw new TypeError(`fetch failed: ${step.networkError}`);
  const full: { status: number; body?: string; contentType?: string | undefined; headers?: Record<string, string> | undefined; delayMs?: number | undefined } =
    typeof step === "number" ? { status: step } : step;
  const documented = full.body === undefined ? exampleBody(operationId, full.status, full.contentType) : undefined;
  if (full.body === undefined && documented === undefined && !OPERATIONS[operationId]!.responses[full.status]) {
    throw new TypeError(`createMockFetch: ${operationId} does not document ${full.status}; script it with a body of your own`);
  }
  const [contentType, body] = full.body !== undefined ? [full.contentType ?? "", full.body] : (documented ?? ["", ""]);
  if (full.delayMs) await delay(full.delayMs, request);
  const headers = new Headers(full.headers);
  if (contentType && !headers.has("content-type")) headers.set("content-type", contentType);
  const empty = body === "" || [204, 205, 304].includes(full.status);
  return new Response(empty ? null : body, { status: full.status, headers });
}

/**
 * Waits, or rejects as fetch does when the request's signal aborts. The Request itself is held
 * until then: its signal follows the caller's only while the Request lives (undici links them
 * through a WeakRef), so a garbage collection during the wait would otherwise lose the abort.
 */
function delay(ms: number, request: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) return reject(request.signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(request.signal.reason);
    };
    const timer = setTimeout(() => {
      request.signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    request.signal.addEventListener("abort", onAbort, { once: true });
  });
}
