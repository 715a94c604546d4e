// The success example the spec documents for the operation a request names, for the fault server's
// "ok" answers: a request is matched against every operation's method and path template.
import { readFileSync } from "node:fs";
import { describeApi, describeExamples } from "@wawp/codegen/api-table";
import { specPath } from "@wawp/codegen";
import { parse } from "yaml";

interface Route {
  method: string;
  pattern: RegExp;
  body: string;
  withoutRequiredField: string;
}

let routes: Route[] | undefined;

function load(): Route[] {
  const document: unknown = parse(readFileSync(specPath, "utf8"));
  const api = describeApi(document);
  const examples = describeExamples(document);
  return Object.entries(api.operations).map(([operationId, operation]) => {
    const [status, body] = Object.entries(operation.successBodies)[0] ?? [];
    const text = (status && examples[operationId]?.[Number(status)]?.["application/json"]) ?? "{}";
    const firstRequired = Object.keys(body?.required ?? {})[0];
    const json = JSON.parse(text) as Record<string, unknown>;
    if (firstRequired) delete json[firstRequired];
    const template = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
    return { method: operation.method.toUpperCase(), pattern: new RegExp(`^${template}(?:\\?|$)`), body: text, withoutRequiredField: JSON.stringify(json) };
  });
}

export function successExampleFor(method: string, url: string): { body: string; withoutRequiredField: string } {
  routes ??= load();
  const route = routes.find((r) => r.method === method && r.pattern.test(url)) ?? routes[0];
  return route ?? { body: "{}", withoutRequiredField: "{}" };
}

/** An operation's parameters at their documented examples, by name (`{ chatId: "…" }`). */
export function exampleParams(operationId: string): Record<string, unknown> {
  const operation = describeApi(parse(readFileSync(specPath, "utf8"))).operations[operationId];
  if (!operation) throw new Error(`the spec has no operation ${operationId}`);
  return Object.fromEntries(operation.parameters.filter((p) => p.example !== undefined).map((p) => [p.key, p.example]));
}

/** The spec's first server: production. */
export function productionUrl(): string {
  const url = describeApi(parse(readFileSync(specPath, "utf8"))).servers[0];
  if (!url) throw new Error("the spec names no server");
  return url;
}
