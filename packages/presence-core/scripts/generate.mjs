// Writes src/generated/spec.gen.ts: the facts the shared runtime takes from the spec rather
// than restating them (the chatId pattern, the success body's required fields, the spec version).
import { fileURLToPath } from "node:url";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const OPERATION = ["/v2/presence/{chatId}/subscribe", "post"];

function resolveRef(document, node) {
  if (node && typeof node.$ref === "string") {
    const path = node.$ref.replace(/^#\//, "").split("/");
    return path.reduce((at, key) => at?.[key], document);
  }
  return node;
}

await runGenerator(async ({ check, outDir }) => {
  const spec = await loadSpec();
  const operation = spec.document.paths?.[OPERATION[0]]?.[OPERATION[1]];
  if (!operation) throw new Error(`spec: ${OPERATION[1].toUpperCase()} ${OPERATION[0]} is missing`);

  const chatId = (operation.parameters ?? []).map((p) => resolveRef(spec.document, p)).find((p) => p?.name === "chatId");
  const pattern = chatId?.schema?.pattern;
  if (typeof pattern !== "string") throw new Error("spec: the chatId path parameter has no schema.pattern");

  const success = resolveRef(spec.document, operation.responses?.["200"]?.content?.["application/json"]?.schema);
  const fields = Object.fromEntries(
    (success?.required ?? []).map((name) => [name, success.properties?.[name]?.type ?? "unknown"]),
  );
  const errorStatuses = Object.keys(operation.responses ?? {})
    .filter((code) => /^[45]\d\d$/.test(code))
    .map(Number);

  const server = spec.document.servers?.[0]?.url;
  if (typeof server !== "string") throw new Error("spec: servers[0].url (production) is missing");

  const body = [
    `/** The spec's info.version. Every client exposes it as PRESENCE_API_VERSION. */`,
    `export const SPEC_VERSION = ${JSON.stringify(spec.version)};`,
    "",
    `/** The operation's path template. */`,
    `export const SUBSCRIBE_PATH_TEMPLATE = ${JSON.stringify(OPERATION[0])};`,
    "",
    `/** The spec's first server: production. */`,
    `export const PRODUCTION_BASE_URL = ${JSON.stringify(server)};`,
    "",
    `/** The spec's pattern for the chatId path parameter (a contact id). */`,
    `export const CHAT_ID_PATTERN_SOURCE = ${JSON.stringify(pattern)};`,
    "",
    `/** The success body's required fields and their JSON types. */`,
    `export const SUCCESS_BODY_REQUIRED_FIELDS = ${JSON.stringify(fields)} as const;`,
    "",
    `/** Every error status the spec documents for the operation. */`,
    `export const DOCUMENTED_ERROR_STATUSES = ${JSON.stringify(errorStatuses)} as const;`,
    "",
  ].join("\n");

  const header = generatedHeader({ spec, generator: "packages/presence-core/scripts/generate.mjs", packageDir });
  await emitGenerated({
    outDir: outDir ?? fileURLToPath(new URL("../src/generated", import.meta.url)),
    files: { "spec.gen.ts": header + body },
    check,
    packageName: "@wawp/presence-core",
  });
});
