// Generates src/generated/ from the spec's PresenceUpdateEvent schema:
//   schema.gen.ts             the spec's types (openapi-typescript), for the event's TypeScript type
//   spec.gen.ts               facts the runtime reads: the event name, the known presence types
//                             (x-extensible-enum), the spec version
//   validate-event.gen.js     the schema compiled to a standalone validator (Ajv), so the package
//   validate-event.gen.d.ts   validates with the spec itself and needs no Ajv at run time
// `--check` compares instead of writing (the stale check in `pnpm test`).
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import openapiTS, { astToString } from "openapi-typescript";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const EVENT_SCHEMA = "PresenceUpdateEvent";
const openapiTsVersion = require("openapi-typescript/package.json").version;
const ajvVersion = require("ajv/package.json").version;

/**
 * Keywords that only annotate a schema (OpenAPI's, and JSON Schema's own prose), dropped before
 * compiling: they do not validate, and the validator would carry their text for nothing.
 */
const ANNOTATIONS = new Set(["description", "title", "example", "externalDocs", "xml", "deprecated"]);

/**
 * The schemas reachable from `name`, as JSON Schema `definitions` with refs rewritten, and without
 * OpenAPI-only annotations or `x-` extensions. Any other keyword Ajv does not know fails the
 * generation (strict mode), so a spec change the validator cannot express is noticed here.
 */
function jsonSchemaFor(document, name) {
  const schemas = document.components?.schemas ?? {};
  const definitions = {};
  const pending = [name];
  const convert = (node) => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      if (key === "$ref") {
        const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
        if (!match) throw new Error(`spec: ${name} uses a $ref the validator cannot follow: ${value}`);
        pending.push(match[1]);
        out.$ref = `#/definitions/${match[1]}`;
        continue;
      }
      // `properties` maps names to schemas: its keys are field names, never keywords.
      out[key] = key === "properties" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)])) : convert(value);
    }
    return out;
  };
  while (pending.length > 0) {
    const next = pending.pop();
    if (definitions[next]) continue;
    if (!schemas[next]) throw new Error(`spec: components.schemas.${next} is missing`);
    definitions[next] = convert(schemas[next]);
  }
  return { $id: "presence-update-event", definitions, $ref: `#/definitions/${name}` };
}

/**
 * Ajv's standalone code reaches for small runtime helpers with `require(...)`. Each one it may
 * use is replaced by a local function, so the output is one self-contained ES module that runs in
 * Node, Deno, Bun and browsers and adds no runtime dependency; a helper not listed here fails the
 * generation instead of shipping a `require`.
 */
const RUNTIME_HELPERS = {
  // minLength/maxLength count Unicode code points, not UTF-16 units.
  "ajv/dist/runtime/ucs2length": [
    "function ucs2length(text) {",
    "  let length = 0;",
    "  for (const _ of text) length += 1;",
    "  return length;",
    "}",
  ].join("\n"),
};

function inlineRuntimeHelpers(code) {
  const used = [];
  const replaced = code.replace(/require\("([^"]+)"\)\.default/g, (call, module) => {
    const helper = RUNTIME_HELPERS[module];
    if (!helper) throw new Error(`Ajv's standalone code needs ${module}, which scripts/generate.mjs does not inline yet. Add it to RUNTIME_HELPERS.`);
    if (!used.includes(module)) used.push(module);
    return helper.slice("function ".length, helper.indexOf("("));
  });
  if (/\brequire\(/.test(replaced)) throw new Error("Ajv's standalone code still calls require(); the validator would not run in a browser or as ESM.");
  const helpers = used.map((module) => RUNTIME_HELPERS[module]).join("\n");
  return replaced.replace(/^"use strict";\n/, `"use strict";\n${helpers}\n`);
}

await runGenerator(async ({ check, outDir }) => {
  const spec = await loadSpec();
  const { document } = spec;
  const event = document.components?.schemas?.[EVENT_SCHEMA];
  if (!event) throw new Error(`spec: components.schemas.${EVENT_SCHEMA} is missing`);
  const webhook = document["x-webhooks"];
  const eventNames = Object.keys(webhook ?? {});
  const eventName = event.properties?.event?.enum?.[0];
  if (typeof eventName !== "string" || !eventNames.includes(eventName)) {
    throw new Error(`spec: ${EVENT_SCHEMA}.properties.event.enum[0] must name an x-webhooks entry (found ${JSON.stringify(eventName)}; x-webhooks has ${eventNames.join(", ") || "nothing"})`);
  }
  const payload = document.components.schemas[event.properties.payload?.$ref?.split("/").pop()];
  const knownTypes = payload?.properties?.type?.["x-extensible-enum"];
  if (!Array.isArray(knownTypes) || !knownTypes.every((t) => typeof t === "string")) {
    throw new Error(`spec: the event payload's \`type\` needs an x-extensible-enum list of the known presence types`);
  }

  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: false, strict: true });
  ajv.addSchema(jsonSchemaFor(document, EVENT_SCHEMA));
  const validator = inlineRuntimeHelpers(standaloneCode(ajv, { validatePresenceUpdateEvent: "presence-update-event" }));

  const header = (generator) => generatedHeader({ spec, generator, packageDir });
  const ast = await openapiTS(pathToFileURL(spec.path), { alphabetize: false });
  if (event.example === undefined) throw new Error(`spec: ${EVENT_SCHEMA} needs an example (tests and the simulator send it)`);
  const facts = [
    `import type { components } from "./schema.gen.js";`,
    "",
    `/** The spec's info.version. */`,
    `export const GENERATED_FROM_SPEC_VERSION = ${JSON.stringify(spec.version)};`,
    "",
    `/** The webhook event this package receives (x-webhooks, and ${EVENT_SCHEMA}.event). */`,
    `export const PRESENCE_UPDATE_EVENT = ${JSON.stringify(eventName)};`,
    "",
    `/** The presence types the spec documents (x-extensible-enum of ${payload ? "PresenceUpdatePayload" : "the payload"}.type). The set is open. */`,
    `export const PRESENCE_TYPES = ${JSON.stringify(knownTypes)} as const;`,
    "",
    `/** The spec's example event (${EVENT_SCHEMA}.example): for tests, and for the simulator. */`,
    `export const PRESENCE_UPDATE_EXAMPLE: components["schemas"]["${EVENT_SCHEMA}"] = ${JSON.stringify(event.example ?? null)};`,
    "",
  ].join("\n");
  const validatorTypes = [
    `import type { components } from "./schema.gen.js";`,
    "",
    `/** The part of Ajv's error object the package reads (Ajv itself is not needed at run time). */`,
    `export interface ValidationError {`,
    `  keyword: string;`,
    `  instancePath: string;`,
    `  params: Record<string, unknown>;`,
    `  message?: string;`,
    `}`,
    "",
    `/** Checks a parsed body against the spec's ${EVENT_SCHEMA} schema; on failure \`errors\` holds the first problem. */`,
    `export declare const validatePresenceUpdateEvent: {`,
    `  (data: unknown): data is components["schemas"][${JSON.stringify(EVENT_SCHEMA)}];`,
    `  errors?: ValidationError[] | null;`,
    `};`,
    "",
  ].join("\n");

  await emitGenerated({
    outDir: outDir ?? fileURLToPath(new URL("../src/generated", import.meta.url)),
    files: {
      "schema.gen.ts": header(`openapi-typescript ${openapiTsVersion}`) + astToString(ast),
      "spec.gen.ts": header("packages/presence-webhooks/scripts/generate.mjs") + facts,
      "validate-event.gen.js": `${header(`Ajv ${ajvVersion} standalone code (packages/presence-webhooks/scripts/generate.mjs)`)}// @ts-nocheck\n${validator}\n`,
      "validate-event.gen.d.ts": header("packages/presence-webhooks/scripts/generate.mjs") + validatorTypes,
    },
    check,
    packageName: "@wawp/presence-webhooks",
  });
});
