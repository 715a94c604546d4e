// Looking for the access token everywhere an error could show it.
import { expect } from "vitest";

/** A token that is distinctive in every spelling: raw, percent-encoded and form-encoded differ. */
export const UNIT_ACCESS_TOKEN = "s3cr3t+tok/en=&x!y";

/** Every spelling a token can take on the wire or in a log. */
export function tokenSpellings(token: string): string[] {
  return [...new Set([token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2), JSON.stringify(token).slice(1, -1)])];
}

/** Every place an error could show the token: message, String(), JSON, stack, URL, body, headers, the cause chain. */
export function everythingAnErrorShows(error: unknown): string {
  const seen: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof Error) {
      seen.push(String(current), current.message, current.stack ?? "", JSON.stringify(current), JSON.stringify(Object.entries(current)));
      current = current.cause;
    } else {
      seen.push(String(current));
      break;
    }
  }
  return seen.join("\n");
}

export function expectNoToken(text: string, tokens: string[] = [UNIT_ACCESS_TOKEN]): void {
  for (const token of tokens) for (const form of tokenSpellings(token)) expect(text).not.toContain(form);
}
