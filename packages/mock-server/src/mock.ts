#!/usr/bin/env node
// `pnpm mock`: the same Prism the tests use, for a person. Stops on Ctrl-C.
import { startPrism } from "./prism.js";
import { exampleParams } from "./spec-examples.js";

const port = process.env["PORT"] ? Number(process.env["PORT"]) : 4010;
const prism = await startPrism({ port, errors: true });
console.log(`Prism mock of spec/openapi.yaml listening on ${prism.url}`);
console.log(`Try: pnpm --silent cli subscribe ${String(exampleParams("subscribeToPresence")["chatId"])} --base-url ${prism.url} --instance-id demo --access-token demo-token`);
console.log("Ctrl-C stops it.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void prism.stop().then(() => process.exit(0));
  });
}
