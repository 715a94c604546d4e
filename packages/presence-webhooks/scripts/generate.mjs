// Generates src/generated/ from the spec's PresenceUpdateEvent schema:
//   schema.gen.ts             the spec's types (openapi-typescript), for the event's TypeScript type
//   spec.gen.ts               facts the runtime reads: the event name, the known presence types
//                             (x-extensible-enum), the spec version
//   validate-event.gen.js     the schema compiled to a standalone validator (Ajv), so the package
//   validate-event.gen.d.ts   validates with the spec itself and needs no Ajv at run time
// `--check` compares instead of writing (the stale check in `pnpm test`).
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";
import { AJV_VERSION, compileValidators, jsonSchemaFor } from "@wawp/codegen/validators";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const EVENT_SCHEMA = "PresenceUpdateEvent";
const openapiTsVersion = require("openapi-typescript/package.json").version;

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

  const validator = compileValidators({ validatePresenceUpdateEvent: jsonSchemaFor(document, { $ref: `#/components/schemas/${EVENT_SCHEMA}` }, "presence-update-event") });

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
      "validate-event.gen.js": `${header(`Ajv ${AJV_VERSION} standalone code (packages/presence-webhooks/scripts/generate.mjs)`)}// @ts-nocheck\n${validator}\n`,
      "validate-event.gen.d.ts": header("packages/presence-webhooks/scripts/generate.mjs") + validatorTypes,
    },
    check,
    packageName: "@wawp/presence-webhooks",
  });
});
