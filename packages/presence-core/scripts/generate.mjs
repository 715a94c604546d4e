// Writes src/generated/: the API table every part of the runtime reads instead of restating the
// spec (operations, parameters, security, documented responses), a validator for each JSON request
// body (so a body the spec refuses is never sent), and the documented examples, which only the
// `testing` entry points import.
import { fileURLToPath } from "node:url";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";
import { SpecError, describeApi, describeExamples, requestBodySchemas } from "@wawp/codegen/api-table";
import { AJV_VERSION, compileValidators, jsonSchemaFor } from "@wawp/codegen/validators";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

await runGenerator(async ({ check, outDir }) => {
  const spec = await loadSpec();
  const api = describeApi(spec.document);
  checkShorthand(api);
  const header = generatedHeader({ spec, generator: "packages/presence-core/scripts/generate.mjs", packageDir });
  // Statuses are written as number keys, so TypeScript types them as number literals (200, 404...).
  const literal = (value) => JSON.stringify(value, null, 2).replace(/"(\d{3})":/g, "$1:");
  const table = [
    "/** The API as the spec describes it: one entry per operation, keyed by operationId. */",
    `export const API = ${literal(api)} as const;`,
    "",
    "/** Every operationId in the spec. */",
    "export type OperationId = keyof typeof API.operations;",
    "",
  ].join("\n");
  const examples = [
    "/** Per operationId, per status, per content type: the spec's example as the body text a server sends. */",
    `export const EXAMPLES = ${literal(describeExamples(spec.document))} as const;`,
    "",
  ].join("\n");
  await emitGenerated({
    outDir: outDir ?? fileURLToPath(new URL("../src/generated", import.meta.url)),
    files: {
      "api.gen.ts": header + table,
      "examples.gen.ts": header + examples,
      "validate-bodies.gen.ts": generatedHeader({ spec, generator: `Ajv ${AJV_VERSION} standalone code (packages/presence-core/scripts/generate.mjs)`, packageDir }) + bodyValidators(spec.document),
    },
    check,
    packageName: "@wawp/presence-core",
  });
});

/** The body validators, by operationId; an empty table while no operation takes a body. */
function bodyValidators(document) {
  const schemas = requestBodySchemas(document);
  const ids = Object.keys(schemas);
  const exports = Object.fromEntries(ids.map((id, index) => [`validateBody${index}`, jsonSchemaFor(document, schemas[id], `request-body-${id}`, { request: true })]));
  return [
    // Ajv's code is plain JavaScript: the table below carries the types.
    "// @ts-nocheck",
    ids.length > 0 ? compileValidators(exports) : "",
    "/** The part of Ajv's error object the core reads (Ajv itself is not needed at run time). */",
    "export interface BodyProblem {",
    "  instancePath: string;",
    "  message?: string;",
    "  params?: Record<string, unknown>;",
    "}",
    "",
    "/** Checks a request body against the spec's schema; on failure `errors` holds the first problem. */",
    "export interface BodyValidator {",
    "  (body: unknown): boolean;",
    "  errors?: BodyProblem[] | null;",
    "}",
    "",
    "/** Per operationId, the validator of its JSON request body. */",
    `export const BODY_VALIDATORS: Readonly<Record<string, BodyValidator>> = {${ids.map((id, index) => ` ${JSON.stringify(id)}: validateBody${index}`).join(",")}${ids.length > 0 ? " " : ""}};`,
    "",
  ].join("\n");
}

/**
 * `subscribe(chatId)` and `subscribeMany(chatIds)`, hand-written in both clients, send
 * subscribeToPresence with `chatId` alone: the spec must keep that call possible.
 */
function checkShorthand(api) {
  const operation = api.operations.subscribeToPresence;
  if (!operation?.parameters.some((p) => p.key === "chatId" && p.required)) {
    throw new SpecError("subscribeToPresence with a required chatId is what subscribe(chatId) and subscribeMany send; keep it in the spec");
  }
  const more = [...operation.parameters.filter((p) => p.required && p.key !== "chatId").map((p) => p.key), ...(operation.body?.required ? [operation.body.key] : [])];
  if (more.length > 0) {
    throw new SpecError(`subscribeToPresence requires ${more.join(", ")}, but subscribe(chatId) and subscribeMany send chatId alone; make ${more.length === 1 ? "it" : "them"} optional`);
  }
}
