// The first ```ts block under a README heading: the code a user copies from that section.
import { readFileSync } from "node:fs";

export function tsBlockUnder(readmePath: string, heading: string): string {
  const section = readFileSync(readmePath, "utf8").split(heading)[1] ?? "";
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error(`${readmePath} has no \`\`\`ts block under '${heading}'`);
  return block;
}
