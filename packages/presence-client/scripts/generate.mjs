// Generates src/generated/schema.gen.ts: the spec's paths and schemas as TypeScript types,
// with openapi-typescript. `--check` compares instead of writing (the stale check in `pnpm test`).
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import openapiTS, { astToString } from "openapi-typescript";
import { emitGenerated, generatedHeader, loadSpec, runGenerator } from "@wawp/codegen";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const version = createRequire(import.meta.url)("openapi-typescript/package.json").version;

await runGenerator(async ({ check, outDir }) => {
  const spec = await loadSpec();
  const ast = await openapiTS(pathToFileURL(spec.path), { alphabetize: false });
  const header = generatedHeader({ spec, generator: `openapi-typescript ${version}`, packageDir });
  await emitGenerated({
    outDir: outDir ?? fileURLToPath(new URL("../src/generated", import.meta.url)),
    files: {
      "schema.gen.ts": header + astToString(ast),
      "spec-version.gen.ts": `${header}/** The info.version of the spec these types were generated from. */\nexport const GENERATED_FROM_SPEC_VERSION = ${JSON.stringify(spec.version)};\n`,
    },
    check,
    packageName: "@wawp/presence-client",
  });
});
