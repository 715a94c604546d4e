// JSON from a server, parsed so that it can neither pollute nor leak:
// - JSON.parse keeps a `__proto__` key as an own property, and `Object.assign({}, data)` or a spread
//   then sets the target's prototype from it; such keys are dropped.
// - JSON escapes (`\u0026`, `\/`) decode to text the redactor may not have seen in the raw body;
//   every decoded string and key is redacted after parsing.
import type { Redactor } from "./redact.js";

export function parseJson(text: string, redact?: Redactor): unknown {
  // A reviver costs on every value; only text that could spell the key (plainly or with \u
  // escapes) needs one.
  const risky = text.includes("__proto__") || text.includes("\\u");
  const parsed: unknown = risky ? JSON.parse(text, (key, value: unknown) => (key === "__proto__" ? undefined : value)) : JSON.parse(text);
  return redact ? redactDeep(parsed, redact) : parsed;
}

function redactDeep(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redact(key)] = redactDeep(item, redact);
    return out;
  }
  return value;
}
