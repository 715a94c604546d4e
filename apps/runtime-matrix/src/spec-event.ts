// The webhook event the webhooks smoke check signs and verifies: the spec's own example of the
// `presence.update` event under `x-webhooks`, so the check follows the spec with no edit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "./published.js";

type Node = Record<string, unknown>;

const isObject = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

export function readSpec(path = join(repoRoot, "spec", "openapi.yaml")): Node {
  const spec: unknown = parse(readFileSync(path, "utf8"));
  if (!isObject(spec)) throw new Error(`${path} is not an OpenAPI document`);
  return spec;
}

/** Follows a local `$ref` (`#/components/...`) until a node without one. */
function deref(spec: Node, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops += 1) {
    if (hops > 20) throw new Error("a $ref cycle in the spec");
    let target: unknown = spec;
    for (const key of current["$ref"].replace(/^#\//, "").split("/")) target = isObject(target) ? target[key] : undefined;
    current = target;
  }
  return current;
}

/** The JSON example of the `presence.update` webhook: the media type's example, first named example, or the schema's example. */
export function presenceUpdateExample(spec: Node = readSpec()): unknown {
  const webhooks = spec["x-webhooks"];
  if (!isObject(webhooks)) throw new Error("spec/openapi.yaml has no x-webhooks section, so there is no presence.update event to sign");
  for (const [name, pathItem] of Object.entries(webhooks)) {
    const operation = isObject(pathItem) ? deref(spec, pathItem["post"]) : undefined;
    const requestBody = isObject(operation) ? deref(spec, operation["requestBody"]) : undefined;
    const content = isObject(requestBody) && isObject(requestBody["content"]) ? requestBody["content"] : undefined;
    const json = content ? deref(spec, content["application/json"]) : undefined;
    if (!isObject(json)) continue;
    if (json["example"] !== undefined) return json["example"];
    if (isObject(json["examples"])) {
      const first = deref(spec, Object.values(json["examples"])[0]);
      if (isObject(first) && first["value"] !== undefined) return first["value"];
    }
    const schema = deref(spec, json["schema"]);
    if (isObject(schema) && schema["example"] !== undefined) return schema["example"];
    throw new Error(`x-webhooks.${name} has a JSON body but no example to sign: add one to the spec`);
  }
  throw new Error("no x-webhooks entry in spec/openapi.yaml has a POST with a JSON body");
}
