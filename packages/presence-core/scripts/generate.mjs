// Writes src/generated/: the API table every part of the runtime reads instead of restating the
// spec (operations, parameters, security, documented responses), and the documented examples,
// which only the `testing` entry points import.
import { fileURLToPath } from "node:url";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";
import { SpecError, describeApi, describeExamples } from "@wawp/codegen/api-table";

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
    files: { "api.gen.ts": header + table, "examples.gen.ts": header + examples },
    check,
    packageName: "@wawp/presence-core",
  });
});

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
