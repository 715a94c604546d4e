// The cases every client is tested with, read from the spec itself (through the same API table the
// clients are generated from, plus the documented examples): one per documented (status, content
// type) pair of every operation, the example parameters, and values each parameter must refuse.
// An operation or response added to the spec becomes cases here with no new test code.
import { readFileSync } from "node:fs";
import { specPath } from "@wawp/codegen";
import { describeApi, describeExamples, requestBodySchemas, resolve, type ApiDescription, type OperationDescription } from "@wawp/codegen/api-table";
import { parse } from "yaml";

export interface ResponseCase {
  operationId: string;
  /** e.g. "subscribeToPresence 404 application/xml" */
  name: string;
  status: number;
  contentType: string;
  /** The documented example as Prism serves it: JSON text for JSON, the string itself otherwise. */
  exampleText: string;
  /** The parsed example for JSON content types. */
  exampleJson: unknown;
  /**
   * The message a client should surface, worked out here independently of the clients' own
   * parsing, so the test is an oracle, not an echo.
   */
  expectedMessage: string | undefined;
}

export interface OperationCases {
  operationId: string;
  operation: OperationDescription;
  /** Every parameter at its documented example. */
  params: Record<string, unknown>;
  responses: ResponseCase[];
}

type LoadedApi = { api: ApiDescription; examples: ReturnType<typeof describeExamples>; document: unknown };
const loaded = new Map<string, LoadedApi>();

/** The spec's API table and examples, read and parsed once per path: the suites ask per case. */
export function loadApi(path: string = specPath): LoadedApi {
  let found = loaded.get(path);
  if (!found) {
    const document: unknown = parse(readFileSync(path, "utf8"));
    loaded.set(path, (found = { api: describeApi(document), examples: describeExamples(document), document }));
  }
  return found;
}

export function operationCases(path: string = specPath): OperationCases[] {
  const { api, examples } = loadApi(path);
  return Object.entries(api.operations).map(([operationId, operation]) => {
    const params: Record<string, unknown> = {};
    for (const parameter of operation.parameters) {
      const value = parameter.example ?? (parameter.required ? standIn(parameter) : undefined);
      if (value !== undefined) params[parameter.key] = value;
    }
    if (operation.body) params[operation.body.key] = operation.body.example;
    const responses: ResponseCase[] = [];
    for (const [status, types] of Object.entries(operation.responses)) {
      for (const contentType of types) {
        const exampleText = examples[operationId]?.[Number(status)]?.[contentType];
        if (exampleText === undefined || exampleText === null) throw new Error(`${path}: ${operationId} ${status} ${contentType} has no example`);
        const json = contentType === "application/json" || contentType.endsWith("+json");
        const exampleJson: unknown = json ? JSON.parse(exampleText) : undefined;
        responses.push({
          operationId,
          name: `${operationId} ${status} ${contentType}`,
          status: Number(status),
          contentType,
          exampleText,
          exampleJson,
          expectedMessage: expectedMessage(contentType, exampleText, exampleJson),
        });
      }
    }
    return { operationId, operation, params, responses };
  });
}

/**
 * A value for a required parameter the spec gives no example: a plain one of its type, or the first
 * of a few common shapes its pattern accepts. Without one, the case fails saying what to add.
 */
function standIn(parameter: OperationDescription["parameters"][number]): unknown {
  if (parameter.enum?.length) return parameter.enum[0];
  if (parameter.type === "integer" || parameter.type === "number") return 1;
  if (parameter.type === "boolean") return true;
  if (parameter.pattern === undefined) return "example";
  const pattern = new RegExp(parameter.pattern, "u");
  const found = ["example", "1", "a1", "abc", "123", "447441429009@c.us", "00000000-0000-0000-0000-000000000000"].find((value) => pattern.test(value));
  if (found === undefined) throw new Error(`give parameter '${parameter.name}' an example in the spec: the contract suite needs a valid value`);
  return found;
}

/** The URL path an operation's parameters produce, each value encoded once (`raw` values as they are). */
export function pathFor(operation: OperationDescription, params: Record<string, unknown>, raw: Record<string, string> = {}): string {
  let path = operation.path;
  for (const parameter of operation.parameters) {
    if (parameter.in !== "path") continue;
    path = path.replace(`{${parameter.name}}`, raw[parameter.key] ?? encodeURIComponent(String(params[parameter.key])));
  }
  return path;
}

/** The query parameter names that carry the instance id and the token, from the spec's security schemes. */
export function credentialParams(path: string = specPath): { instanceId: string; accessToken: string } {
  const schemes = Object.values(loadApi(path).api.securitySchemes).filter((s) => s.in === "query");
  const instanceId = schemes.find((s) => s.credential === "instanceId")?.name;
  const accessToken = schemes.find((s) => s.credential === "accessToken")?.name;
  if (!instanceId || !accessToken) throw new Error(`${path}: the security schemes put no instance id and token in the query`);
  return { instanceId, accessToken };
}

/** A credential the spec's schemes carry: `x-credential` of a security scheme. */
export type Credential = "instanceId" | "accessToken";

/**
 * The query string (with its `?`) and headers that carry `given` as an operation's first security
 * requirement puts them, for requests sent around the clients. Credentials not given are left out.
 */
export function rawCredentials(operation: OperationDescription, given: Partial<Record<Credential, string>>, path: string = specPath): { query: string; headers: Record<string, string> } {
  const schemes = loadApi(path).api.securitySchemes;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const key of operation.security[0] ?? []) {
    const scheme = schemes[key];
    const value = scheme === undefined ? undefined : given[scheme.credential];
    if (scheme === undefined || value === undefined) continue;
    if (scheme.in === "query") query.set(scheme.name, value);
    else headers[scheme.name] = value;
  }
  return { query: query.size > 0 ? `?${query}` : "", headers };
}

/** The credentials an operation's first security requirement needs. */
export function requiredCredentials(operation: OperationDescription, path: string = specPath): Credential[] {
  const schemes = loadApi(path).api.securitySchemes;
  return (operation.security[0] ?? []).flatMap((key) => (schemes[key] ? [schemes[key].credential] : []));
}

/** Where an operation takes the token: each place one of its security requirements puts it. */
export function tokenPlaces(operation: OperationDescription, path: string = specPath): Array<"query" | "header"> {
  const schemes = loadApi(path).api.securitySchemes;
  const places = operation.security.flatMap((requirement) => requirement.flatMap((key) => (schemes[key]?.credential === "accessToken" ? [schemes[key].in] : [])));
  return [...new Set(places)];
}

/**
 * Values a path parameter's pattern refuses, each with a raw spelling for sending around the
 * client: a few common slips on the example, kept only when the pattern really refuses them.
 */
export function refusedValues(operation: OperationDescription): Array<{ key: string; value: string }> {
  const refused: Array<{ key: string; value: string }> = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== "path" || parameter.pattern === undefined || typeof parameter.example !== "string") continue;
    const pattern = new RegExp(parameter.pattern, "u");
    const example = parameter.example;
    for (const value of ["", " ", `+${example}`, ` ${example}`, `${example}x`, example.slice(0, Math.max(1, Math.floor(example.length / 3)))]) {
      if (!pattern.test(value) && !pattern.test(safeDecode(value))) refused.push({ key: parameter.key, value });
    }
  }
  return refused;
}

/**
 * Request bodies the spec's schema refuses, worked out here from the schema itself (not with the
 * clients' generated validator, so the test is an oracle): the example without its first required
 * property (a readOnly one is required in responses only), and a value of the wrong JSON type.
 */
export function refusedBodies(operationId: string, operation: OperationDescription, path: string = specPath): Array<{ why: string; value: unknown }> {
  if (!operation.body) return [];
  const { document } = loadApi(path);
  const shape = shapeOf(document, requestBodySchemas(document)[operationId]);
  const refused: Array<{ why: string; value: unknown }> = [];
  const example = operation.body.example;
  const required = shape.required.find((name) => shape.readOnly.has(name) === false);
  if (required !== undefined && example !== null && typeof example === "object" && !Array.isArray(example)) {
    const { [required]: _, ...rest } = example as Record<string, unknown>;
    refused.push({ why: `without its required ${required}`, value: rest });
  }
  const wrongType: Record<string, unknown> = { object: [], array: {}, string: 1, integer: "1", number: "1", boolean: "true" };
  if (shape.type !== undefined && shape.type in wrongType) refused.push({ why: `of the wrong type (not ${shape.type})`, value: wrongType[shape.type] });
  return refused;
}

/** A schema's own type, required properties and readOnly properties, with `$ref`s followed and `allOf` members merged. */
function shapeOf(document: unknown, node: unknown, depth = 0): { type: string | undefined; required: string[]; readOnly: Set<string> } {
  const schema = resolveSchema(document, node);
  const shape = { type: typeof schema?.["type"] === "string" ? schema["type"] : undefined, required: [] as string[], readOnly: new Set<string>() };
  if (!schema || depth > 16) return shape;
  for (const name of Array.isArray(schema["required"]) ? schema["required"] : []) if (typeof name === "string") shape.required.push(name);
  for (const [name, property] of Object.entries((schema["properties"] ?? {}) as Record<string, unknown>)) {
    if (resolveSchema(document, property)?.["readOnly"] === true) shape.readOnly.add(name);
  }
  for (const member of Array.isArray(schema["allOf"]) ? schema["allOf"] : []) {
    const inner = shapeOf(document, member, depth + 1);
    shape.type ??= inner.type;
    shape.required.push(...inner.required);
    for (const name of inner.readOnly) shape.readOnly.add(name);
  }
  return shape;
}

/** A schema with its `$ref`s followed, as a record (undefined when it is none). */
function resolveSchema(document: unknown, node: unknown): Record<string, unknown> | undefined {
  const schema = resolve(document, node);
  return schema !== null && typeof schema === "object" ? (schema as Record<string, unknown>) : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function expectedMessage(contentType: string, text: string, json: unknown): string | undefined {
  if (json !== undefined) {
    // The clients' documented order: `message`, then `error`, then RFC 7807's `detail` and `title`.
    const object = json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    const found = ["message", "error", "detail", "title"].map((key) => object[key]).find((value) => typeof value === "string" && value.trim() !== "");
    return typeof found === "string" ? found : undefined;
  }
  if (contentType === "text/plain") return text.trim();
  const tag = contentType === "text/html" ? "title" : "message";
  const inner = text.split(`<${tag}>`)[1]?.split(`</${tag}>`)[0];
  return inner
    ?.replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** The spec's first server: production. */
export function productionUrl(path: string = specPath): string {
  const url = loadApi(path).api.servers[0];
  if (!url) throw new Error(`${path}: servers[0].url is missing`);
  return url;
}
