// The README's "Testing your code" example is testing-example.test.ts, word for word: the example a
// user copies is the one this repository runs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");

describe("the testing example in @wawp/presence-client's README", () => {
  it("is the file this repository runs", () => {
    const readme = read("../../../packages/presence-client/README.md");
    const section = readme.split("## Testing your code")[1] ?? "";
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, "no ```ts block under '## Testing your code'").toBeDefined();
    expect(block).toBe(read("./testing-example.test.ts"));
  });
});
