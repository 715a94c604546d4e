// The README's "Testing your code" example is testing-example.test.ts, word for word: the example a
// user copies is the one this repository runs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tsBlockUnder } from "./readme-block.js";

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8");

describe("the testing example in @wawp/presence-client's README", () => {
  it("is the file this repository runs", () => {
    const block = tsBlockUnder(fileURLToPath(new URL("../../../packages/presence-client/README.md", import.meta.url)), "## Testing your code");
    expect(block).toBe(read("./testing-example.test.ts"));
  });
});
