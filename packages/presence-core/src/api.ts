// The generated API table (src/generated/api.gen.ts) seen through plain types, for the runtime that
// walks it. The table itself, with its literal types, is what the clients' signatures are built from.
import { API } from "./generated/api.gen.js";

export interface ParameterDescription {
  /** The name on the wire. */
  readonly name: string;
  /** The name in `params` (typescript-fetch's camelCase form of `name`). */
  readonly key: string;
  readonly in: "path" | "query" | "header";
  readonly required: boolean;
  readonly type: string;
  readonly pattern?: string;
  /** A string `format` the clients check and convert: RFC 3339 `date` or `date-time`. */
  readonly format?: "date" | "date-time";
  readonly enum?: readonly unknown[];
  /** Bounds: a number's range, a string's length, a query array's count. */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** For a query array (`type: "array"`), what each item must be; sent as `name=a&name=b`. */
  readonly items?: Omit<ParameterDescription, "name" | "key" | "in" | "required" | "items" | "example" | "minItems" | "maxItems">;
  readonly example?: unknown;
}

export interface SuccessBodyDescription {
  readonly type?: string;
  readonly required?: Readonly<Record<string, string>>;
  /** A boolean field whose `false` means the operation did not do what was asked. */
  readonly flag?: string;
}

export interface OperationDescription {
  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  readonly path: string;
  /** Whether a request that may have reached the server can be sent again. */
  readonly idempotent: boolean;
  readonly parameters: readonly ParameterDescription[];
  readonly body?: { readonly key: string; readonly required: boolean; readonly contentType: string; readonly example?: unknown };
  /** Alternative requirements; each lists the security schemes it needs together. */
  readonly security: readonly (readonly string[])[];
  /** Each documented status with its content types. */
  readonly responses: Readonly<Record<number, readonly string[]>>;
  readonly successBodies: Readonly<Record<number, SuccessBodyDescription>>;
}

export interface SecuritySchemeDescription {
  readonly in: "query" | "header";
  readonly name: string;
  readonly credential: "instanceId" | "accessToken";
}

export const OPERATIONS: Readonly<Record<string, OperationDescription>> = API.operations;

/** The operation named `operationId`, or undefined (never an inherited property such as "toString"). */
export function operationNamed(operationId: string): OperationDescription | undefined {
  return Object.hasOwn(OPERATIONS, operationId) ? OPERATIONS[operationId] : undefined;
}

/** The Accept header an operation sends: the content types the spec documents for its successes. */
export function acceptFor(operation: OperationDescription): string | undefined {
  const types = new Set(Object.entries(operation.responses).filter(([status]) => Number(status) < 300).flatMap(([, list]) => list));
  return types.size > 0 ? [...types].join(", ") : undefined;
}
export const SECURITY_SCHEMES: Readonly<Record<string, SecuritySchemeDescription>> = API.securitySchemes;
/** The query parameters and headers that carry the token in some operation: redacted wherever they appear. */
export const TOKEN_CARRIERS: { query: string[]; headers: string[] } = {
  query: Object.values(SECURITY_SCHEMES).filter((s) => s.credential === "accessToken" && s.in === "query").map((s) => s.name),
  headers: Object.values(SECURITY_SCHEMES).filter((s) => s.credential === "accessToken" && s.in === "header").map((s) => s.name.toLowerCase()),
};
/** The spec's info.version. Every client exposes it as PRESENCE_API_VERSION. */
export const SPEC_VERSION: string = API.version;
/** The spec's first server: production. */
export const PRODUCTION_BASE_URL: string = API.servers[0];

export { API, type OperationId } from "./generated/api.gen.js";
