// What the docs must show, read from spec/openapi.yaml: a status, content type, webhook or scheme
// added to the spec is checked with no edit here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "@wawp/runtime-matrix/published";

export interface DocumentedResponse {
  status: string;
  description: string;
  /** Content type → its example as the page shows it: a string as is, JSON by its leaf values. */
  examples: Map<string, string[]>;
}

export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  responses: DocumentedResponse[];
  /** The path parameters' examples. */
  parameterExamples: string[];
}

export interface DocumentedWebhook {
  name: string;
  /** What the sidebar shows: the summary, else the name. */
  summary: string;
  /** The sidebar group: its first tag; Redoc groups untagged webhooks under "webhooks". */
  tag: string;
  /** The top-level fields of the event's JSON body. */
  fields: string[];
}

export interface SpecFacts {
  title: string;
  operations: DocumentedOperation[];
  securitySchemes: string[];
  /** x-webhooks entries. Empty while the spec has none. */
  webhooks: DocumentedWebhook[];
}

type Node = Record<string, unknown>;
const isObject = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const object = (value: unknown): Node => (isObject(value) ? value : {});
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function deref(spec: Node, node: unknown): Node {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string" && hops < 20; hops += 1) {
    let target: unknown = spec;
    for (const key of current["$ref"].replace(/^#\//, "").split("/")) target = object(target)[key];
    current = target;
  }
  return object(current);
}

/** The values a reader sees in an example: the string itself, or every string and number inside the JSON. */
function shownValues(example: unknown): string[] {
  if (typeof example === "string") return [example];
  if (typeof example === "number" || typeof example === "boolean") return [String(example)];
  if (Array.isArray(example)) return example.flatMap(shownValues);
  if (isObject(example)) return Object.values(example).flatMap(shownValues);
  return [];
}

export function specFacts(path = join(repoRoot, "spec", "openapi.yaml")): SpecFacts {
  const spec = object(parse(readFileSync(path, "utf8")));
  const operations: DocumentedOperation[] = [];
  for (const [route, item] of Object.entries(object(spec["paths"]))) {
    for (const [method, rawOperation] of Object.entries(object(item))) {
      if (!["get", "put", "post", "delete", "patch", "head", "options"].includes(method)) continue;
      const operation = object(rawOperation);
      const responses = Object.entries(object(operation["responses"])).map(([status, rawResponse]) => {
        const response = deref(spec, rawResponse);
        const examples = new Map<string, string[]>();
        for (const [contentType, rawMedia] of Object.entries(object(response["content"]))) {
          const media = deref(spec, rawMedia);
          const example = media["example"] ?? deref(spec, media["schema"])["example"];
          examples.set(contentType, shownValues(example));
        }
        return { status, description: text(response["description"]).trim(), examples };
      });
      const parameters = operation["parameters"];
      const parameterExamples = (Array.isArray(parameters) ? parameters : [])
        .map((parameter) => deref(spec, parameter))
        .filter((parameter) => parameter["in"] === "path" && parameter["example"] !== undefined)
        .map((parameter) => String(parameter["example"]));
      const tags = operation["tags"];
      operations.push({
        operationId: text(operation["operationId"]),
        method: method.toUpperCase(),
        path: route,
        summary: text(operation["summary"]),
        tag: Array.isArray(tags) ? text(tags[0]) : "",
        responses,
        parameterExamples,
      });
    }
  }
  const webhooks = Object.entries(object(spec["x-webhooks"])).map(([name, item]) => {
    const post = deref(spec, object(item)["post"]);
    const body = deref(spec, post["requestBody"]);
    const schema = deref(spec, deref(spec, object(body["content"])["application/json"])["schema"]);
    const tags = post["tags"];
    return {
      name,
      summary: text(post["summary"]) || name,
      tag: Array.isArray(tags) && tags.length > 0 ? text(tags[0]) : "webhooks",
      fields: Object.keys(object(schema["properties"])),
    };
  });
  return {
    title: text(object(spec["info"])["title"]),
    operations,
    securitySchemes: Object.keys(object(object(spec["components"])["securitySchemes"])),
    webhooks,
  };
}
