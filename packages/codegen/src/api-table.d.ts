export type ParameterLocation = "path" | "query" | "header";

export interface ParameterDescription {
  /** The name on the wire. */
  name: string;
  /** The name in the clients' `params` object (typescript-fetch's camelCase form). */
  key: string;
  in: ParameterLocation;
  required: boolean;
  type: string;
  pattern?: string;
  /** RFC 3339 `date` or `date-time`: typescript-fetch types the parameter as Date. */
  format?: "date" | "date-time";
  enum?: unknown[];
  /** Bounds: a number's range, a string's length, a query array's count. */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: true;
  exclusiveMaximum?: true;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  /** For a query array (`type: "array"`), what each item must be. */
  items?: Omit<ParameterDescription, "name" | "key" | "in" | "required" | "items" | "example" | "minItems" | "maxItems">;
  example?: unknown;
}

export interface RequestBodyDescription {
  key: string;
  required: boolean;
  contentType: "application/json";
  /** The spec's example of the body (required: the contract suite sends it). */
  example: unknown;
}

export interface SuccessBodyDescription {
  type?: string;
  required?: Record<string, string>;
  flag?: string;
}

export interface OperationDescription {
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  path: string;
  idempotent: boolean;
  parameters: ParameterDescription[];
  body?: RequestBodyDescription;
  security: string[][];
  responses: Record<number, string[]>;
  successBodies: Record<number, SuccessBodyDescription>;
}

export interface SecuritySchemeDescription {
  in: "query" | "header";
  name: string;
  credential: "instanceId" | "accessToken";
}

export interface ApiDescription {
  version: string;
  servers: string[];
  securitySchemes: Record<string, SecuritySchemeDescription>;
  operations: Record<string, OperationDescription>;
}

export declare function describeApi(document: unknown): ApiDescription;
/** Per operationId, the schema of its JSON request body (as written in the spec). */
export declare function requestBodySchemas(document: unknown): Record<string, unknown>;
/** `node` with its local `$ref`s followed (itself when it has none); a broken or circular one is a SpecError. */
export declare function resolve(document: unknown, node: unknown): unknown;
/** Per operationId, per status, per content type: the example as body text (null when none). */
export declare function describeExamples(document: unknown): Record<string, Record<number, Record<string, string>>>;
export declare function parameterKey(name: string): string;
/** `application/json` or any `+json` media type (`application/problem+json`). */
export declare function isJsonType(type: string): boolean;
export declare class SpecError extends Error {}
