// A client seen through the suites' eyes. Each client package registers one adapter; the suites
// run the same checks against both.

/** What the suites need to know of an error; both clients' errors have this shape. */
export interface ErrorView {
  name: string;
  kind: string;
  message: string;
  attempts: number;
  status?: number | undefined;
  contentType?: string | undefined;
  body?: string | undefined;
  json?: unknown | undefined;
  serverMessage?: string | undefined;
  field?: string | undefined;
  url?: string | undefined;
  headers?: Record<string, string> | undefined;
  code?: string | undefined;
  cause?: unknown | undefined;
}

export interface ClientOptionsView {
  baseUrl: string;
  instanceId: string;
  accessToken: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  retry?: { maxRetries?: number; initialDelayMs?: number; maxRetryAfterMs?: number };
  timeoutMs?: number;
  credentialsIn?: "query" | "header";
}

/** Per-call options the suites pass. */
export interface CallOptionsView {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
  retry?: { maxRetries?: number; initialDelayMs?: number; maxRetryAfterMs?: number };
}

/** A call's result: exactly one of data/error, and the response when there was one. */
export interface CallResult {
  data?: unknown;
  error?: ErrorView | undefined;
  response?: Response | undefined;
}

export interface ClientHandle {
  /** Calls an operation by its operationId, with its parameters by name. */
  call(operationId: string, params: Record<string, unknown>, options?: CallOptionsView): Promise<CallResult>;
  /** The documented shorthand for subscribeToPresence. */
  subscribe(chatId: string, options?: CallOptionsView): Promise<CallResult>;
}

type ErrorClass = abstract new (...args: never[]) => unknown;

export interface ClientUnderTest {
  name: string;
  /** The client's exported fixed table of error classes by status, and its base API error class. */
  errorClasses: Readonly<Record<number, ErrorClass>> & { base: ErrorClass };
  /** Builds a client; throws the client's validation error for bad options. */
  create(options: ClientOptionsView): ClientHandle;
}
