// Unknown option keys are refused, with the nearest known key: a misspelt or misplaced option
// (`baseUrl` given to the SDK, `maxRetries` outside `retry`) would otherwise be ignored in silence,
// and the call would go somewhere or behave some way the caller did not ask for.
import { PresenceValidationError } from "./errors.js";

/** Throws for the first key of `given` that is not in `known` (dotted paths allowed, e.g. "retry.maxRetries"). */
export function checkKnownKeys(what: string, given: object, known: readonly string[], prefix = ""): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(prefix + key)) throw unknownKeyError(what, prefix + key, known);
  }
}

export function unknownKeyError(what: string, key: string, known: readonly string[]): PresenceValidationError {
  const suggestion = nearest(key, known);
  return new PresenceValidationError({
    field: key,
    problem: `is not a known ${what}${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
    expected: known.length === 0 ? "none: leave it out" : `one of ${keysBeside(key, known)}`,
  });
}

/**
 * The keys at the unknown key's own level, each nested one under its parent: `"timeoutMs", "retry"
 * (with "maxRetries", ...)`, so no dotted path reads as a key to pass as it is.
 */
function keysBeside(key: string, known: readonly string[]): string {
  const childrenOf = (parent: string): string[] => known.filter((k) => k.startsWith(parent) && !k.slice(parent.length).includes("."));
  const parent = key.slice(0, key.lastIndexOf(".") + 1);
  return childrenOf(parent)
    .map((k) => {
      const nested = childrenOf(`${k}.`).map((child) => `"${child.slice(k.length + 1)}"`);
      return `"${k.slice(parent.length)}"${nested.length > 0 ? ` (with ${nested.join(", ")})` : ""}`;
    })
    .join(", ");
}

/** The known key meant most likely: the same last segment, then the same words, then the fewest edits. */
function nearest(key: string, known: readonly string[]): string | undefined {
  const last = (path: string): string => path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const words = (path: string): string => last(path).replace(/(url|path|uri)$/, "");
  const byLast = known.find((k) => k !== key && last(k) === last(key));
  if (byLast) return byLast;
  const byWords = known.find((k) => words(k) === words(key) && words(key).length > 2);
  if (byWords) return byWords;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(last(key), last(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
