// Checks an operation's `params` against the spec before anything is sent: every key known, every
// required parameter present, every value of the declared type and matching the declared pattern.
// Input the client can reject is never sent.

import { PresenceValidationError } from "./errors.js";
import { unknownKeyError } from "./option-keys.js";
import type { OperationDescription, ParameterDescription } from "./api.js";
import { isRecord } from "./is-record.js";
import { BODY_VALIDATORS } from "./generated/validate-bodies.gen.js";

/** The checked inputs of one call, by location, ready to send. */
export interface CheckedParams {
  path: Record<string, string>;
  query: Record<string, string | number | boolean | Array<string | number | boolean>>;
  header: Record<string, string>;
  body: unknown;
}

const compiled = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = compiled.get(source);
  if (!pattern) compiled.set(source, (pattern = new RegExp(source, "u")));
  return pattern;
}

export function checkParams(operationId: string, operation: OperationDescription, input: unknown): CheckedParams {
  const checked: CheckedParams = { path: {}, query: {}, header: {}, body: undefined };
  if (input !== undefined && !isRecord(input)) {
    throw new PresenceValidationError({ field: "params", problem: "is not an object", expected: `an object of ${operationId}'s parameters by name, such as ${exampleCall(operation)}` });
  }
  const given = input ?? {};
  const keys = [...operation.parameters.map((p) => p.key), ...(operation.body ? [operation.body.key] : [])];
  for (const key of Object.keys(given)) {
    if (!keys.includes(key) && given[key] !== undefined) throw unknownKeyError(`parameter of ${operationId}`, key, keys);
  }
  for (const parameter of operation.parameters) {
    const value = checkParam(parameter, given[parameter.key]);
    if (value !== undefined) checked[parameter.in][parameter.name] = value as never;
  }
  if (operation.body) {
    const body = given[operation.body.key] ?? undefined;
    if (body === undefined && operation.body.required) {
      throw new PresenceValidationError({ field: operation.body.key, problem: "is missing", expected: "the request body (a JSON value)" });
    }
    if (body !== undefined) checkBody(operationId, operation.body.key, body);
    checked.body = body;
  }
  return checked;
}

/** A request body against the spec's schema (its generated validator): the first problem, by its path in the body. */
function checkBody(operationId: string, key: string, body: unknown): void {
  const validate = BODY_VALIDATORS[operationId];
  if (!validate || validate(body)) return;
  const problem = validate.errors?.[0];
  // "/chatIds/0" → "chatIds[0]": the path as a caller writes it.
  const path = (problem?.instancePath ?? "")
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((at, part) => (/^\d+$/.test(part) ? `${at}[${part}]` : `${at}.${part}`), key);
  // Ajv names an unknown property in its params, not in its message.
  const extra = problem?.params?.["additionalProperty"];
  const message = `${problem?.message ?? "does not match the spec's schema"}${typeof extra === "string" ? ` ('${extra}')` : ""}`;
  throw new PresenceValidationError({ field: path, problem: message, expected: `a body that ${operationId}'s request body schema in the spec accepts` });
}

type ParamValue = string | number | boolean;

function checkParam(parameter: ParameterDescription, value: unknown): ParamValue | ParamValue[] | undefined {
  const field = parameter.key;
  if (value === undefined || value === null) {
    if (!parameter.required) return undefined;
    throw new PresenceValidationError({ field, problem: "is missing", expected: `a ${parameter.type}${forExample(parameter)}` });
  }
  if (parameter.items) {
    if (!Array.isArray(value)) throw new PresenceValidationError({ field, problem: `must be an array, got ${typeof value}`, expected: `an array${forExample(parameter)}` });
    const { minItems = 0, maxItems = Infinity } = parameter;
    if (value.length < minItems || value.length > maxItems) {
      throw new PresenceValidationError({ field, problem: `has ${value.length} item${value.length === 1 ? "" : "s"}`, expected: `${between(minItems, maxItems)} items${forExample(parameter)}` });
    }
    // Each item is checked as a parameter of its own, named by its index.
    const { items, example: _, ...named } = parameter;
    return value.map((one, index) => checkValue({ ...named, ...items, key: `${field}[${index}]` }, one));
  }
  return checkValue(parameter, value);
}

/** One present value against the parameter's type, pattern, enum and format. */
function checkValue(parameter: ParameterDescription, value: unknown): ParamValue {
  const field = parameter.key;
  if (parameter.type === "integer" || parameter.type === "number") {
    if (typeof value !== "number" || !Number.isFinite(value) || (parameter.type === "integer" && !Number.isInteger(value))) {
      throw new PresenceValidationError({ field, problem: `must be ${parameter.type === "integer" ? "a whole number" : "a number"}`, expected: `a ${parameter.type}${forExample(parameter)}`, received: String(value) });
    }
    const range = rangeProblem(parameter, value);
    if (range) throw new PresenceValidationError({ field, problem: range, expected: `a ${parameter.type}${forExample(parameter)}`, received: String(value) });
    return value;
  }
  if (parameter.type === "boolean") {
    if (typeof value !== "boolean") throw new PresenceValidationError({ field, problem: "must be true or false", expected: "a boolean", received: String(value) });
    return value;
  }
  if (typeof value !== "string") {
    throw new PresenceValidationError({ field, problem: `must be a string, got ${typeof value}`, expected: `a string${forExample(parameter)}` });
  }
  const { minLength = 0, maxLength = Infinity } = parameter;
  if (value.length < minLength || value.length > maxLength) {
    throw new PresenceValidationError({ field, problem: `is ${value.length} character${value.length === 1 ? "" : "s"} long`, expected: `${between(minLength, maxLength)} characters${forExample(parameter)}`, received: value });
  }
  const accepted = acceptString(parameter, value);
  if (accepted !== undefined) return accepted;
  const expected = parameter.pattern
    ? `a value matching ${parameter.pattern}${forExample(parameter)}`
    : parameter.enum
      ? `one of ${JSON.stringify(parameter.enum)}`
      : `an RFC 3339 ${parameter.format ?? "value"}, for example ${JSON.stringify(parameter.example ?? FORMAT_EXAMPLES[parameter.format ?? "date-time"])}`;
  throw new PresenceValidationError({ field, problem: explain(parameter, value), expected, received: value });
}

/** The value to send, or undefined when the spec does not allow it. */
function acceptString(parameter: ParameterDescription, value: string): string | undefined {
  if (matches(parameter, value)) return value;
  // A path value already percent-encoded (447441429009%40c.us for 447441429009@c.us) names the
  // same thing; it is decoded here and encoded exactly once on the way out.
  if (parameter.in === "path" && value.includes("%")) {
    const decoded = decodeOrUndefined(value);
    if (decoded !== undefined && matches(parameter, decoded)) return decoded;
  }
  return undefined;
}

function matches(parameter: ParameterDescription, value: string): boolean {
  if (parameter.enum && !parameter.enum.includes(value)) return false;
  if (parameter.format !== undefined && !isRfc3339(parameter.format, value)) return false;
  return parameter.pattern === undefined || patternOf(parameter.pattern).test(value);
}

/** ", for example …" with the parameter's example, for a refusal's expected text; built only when refusing. */
function forExample(parameter: ParameterDescription): string {
  return parameter.example === undefined ? "" : `, for example ${JSON.stringify(parameter.example)}`;
}

/** What a number breaks of the spec's range, if anything. */
function rangeProblem(parameter: ParameterDescription, value: number): string | undefined {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = parameter;
  if (minimum !== undefined && (exclusiveMinimum ? value <= minimum : value < minimum)) return `must be ${exclusiveMinimum ? "more than" : "at least"} ${minimum}`;
  if (maximum !== undefined && (exclusiveMaximum ? value >= maximum : value > maximum)) return `must be ${exclusiveMaximum ? "less than" : "at most"} ${maximum}`;
  return undefined;
}

/** "from 1 to 5", "at least 1", "at most 5". */
function between(min: number, max: number): string {
  if (max === Infinity) return `at least ${min}`;
  return min === 0 ? `at most ${max}` : min === max ? `exactly ${min}` : `from ${min} to ${max}`;
}

const FORMAT_EXAMPLES = { date: "2026-11-26", "date-time": "2026-11-26T09:30:00Z" } as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** RFC 3339's full-date or date-time, with a day that exists in its month. */
function isRfc3339(format: "date" | "date-time", value: string): boolean {
  const date = format === "date" ? value : DATE_TIME.exec(value)?.[1];
  const parts = date === undefined ? null : DATE.exec(date);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function decodeOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

const NATIONAL = "starts with 0, as a number dialled at home does; put the country code in place of the 0";

/**
 * Says what is wrong in words, by finding the common slips that, once repaired, make the value
 * match the spec's pattern. Only repairs that work are named, so an explanation is never wrong
 * for a pattern it was not written for; anything else gets the pattern and the example.
 */
function explain(parameter: ParameterDescription, value: string): string {
  if (value.length === 0) return "is empty";
  if (value.trim().length === 0) return "is only whitespace";
  const ok = (candidate: string): boolean => acceptString(parameter, candidate) !== undefined;
  const trimmed = value.trim();
  if (trimmed !== value && ok(trimmed)) return "has leading or trailing whitespace; remove it";
  // The slips below are about ids; a date's example would suggest nonsense repairs.
  if (parameter.format !== undefined && parameter.pattern === undefined) return `is not an RFC 3339 ${parameter.format}`;
  if (/^\+/.test(trimmed) && ok(trimmed.slice(1))) return "starts with '+'; write it without the '+'";
  const compact = trimmed.replace(/[\s\-()]/g, "");
  // "(0)" is a trunk prefix, not dialled from abroad: dropping only its brackets names another number.
  const trunk = trimmed.includes("(0)");
  if (compact !== trimmed && !trunk && ok(compact)) return "holds spaces, dashes or brackets; remove them";
  if (/^00/.test(trimmed) && ok(trimmed.slice(2))) return "starts with 00, the international call prefix; remove it";
  const suffix = exampleSuffix(parameter);
  if (suffix) {
    const at = trimmed.indexOf(suffix[0]!);
    if (at === -1 && ok(trimmed + suffix)) return `has no '${suffix}' suffix; append ${suffix}`;
    if (at > 0 && !trimmed.endsWith(suffix) && ok(trimmed.slice(0, at) + suffix)) {
      return `ends in '${trimmed.slice(at)}', but only '${suffix}' is allowed here`;
    }
  }
  // Several slips at once, as a number copied from a phone book ("+44 7700 900123"): named together,
  // with the value they repair to, when that value passes.
  const slips: string[] = [];
  let repaired = trimmed;
  const repair = (slip: string, next: string): void => {
    if (next !== repaired) slips.push(slip);
    repaired = next;
  };
  repair("starts with '+'", repaired.replace(/^\+/, ""));
  repair("holds '(0)', which is not dialled from abroad", repaired.replaceAll("(0)", ""));
  repair("holds spaces, dashes or brackets", repaired.replace(/[\s\-()]/g, ""));
  repair("starts with 00, the international call prefix", repaired.replace(/^00/, ""));
  if (suffix) {
    const at = repaired.indexOf(suffix[0]!);
    if (at === -1) repair(`has no '${suffix}' suffix`, repaired + suffix);
    else if (at > 0 && !repaired.endsWith(suffix)) repair(`ends in '${repaired.slice(at)}' instead of '${suffix}'`, repaired.slice(0, at) + suffix);
  }
  // One 0 is a national trunk prefix: the country code is missing, and no repair can know it.
  if (/^0[1-9]/.test(repaired) && ok(repaired.slice(1))) return NATIONAL;
  if (slips.length > 0 && ok(repaired)) return `${slips.join(", ")}; write it as ${repaired}`;
  return `does not match the pattern ${parameter.pattern ?? "of the spec"}`;
}

/**
 * The part of the example from its first punctuation mark on (`@c.us` of `447441429009@c.us`), when
 * the pattern spells it out (`@c\.us`): a UUID's tail is only its example's, not a rule.
 */
function exampleSuffix(parameter: ParameterDescription): string | undefined {
  if (typeof parameter.example !== "string" || parameter.pattern === undefined) return undefined;
  const at = parameter.example.search(/[^A-Za-z0-9]/);
  const suffix = at > 0 ? parameter.example.slice(at) : undefined;
  return suffix !== undefined && parameter.pattern.includes(suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) ? suffix : undefined;
}

function exampleCall(operation: OperationDescription): string {
  const entries = operation.parameters.filter((p) => p.required).map((p) => `${p.key}: ${JSON.stringify(p.example ?? "…")}`);
  return `{ ${entries.join(", ")} }`;
}
