// Compiles schemas of the spec to standalone validators (Ajv), so a package checks values against
// the spec itself and needs no Ajv at run time. Shared by the generators of the webhooks package
// (the event) and of the core (request bodies).
import { createRequire } from "node:module";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const require = createRequire(import.meta.url);
export const AJV_VERSION = require("ajv/package.json").version;

/**
 * Keywords that only annotate a schema (OpenAPI's, and JSON Schema's own prose), dropped before
 * compiling: they do not validate, and the validator would carry their text for nothing.
 */
const ANNOTATIONS = new Set(["description", "title", "example", "externalDocs", "xml", "deprecated"]);
/**
 * OpenAPI keywords Ajv would read differently: `discriminator` only names the property that tells
 * the branches of a schema apart (the branches themselves validate), and `nullable` is rewritten.
 */
const REWRITTEN = new Set(["discriminator", "nullable"]);

/**
 * `schema` (any schema node of the spec, a `$ref` or inline) as a JSON Schema with `$id` `id`: the
 * component schemas it reaches become `definitions`, refs rewritten, OpenAPI's `nullable` also
 * accepts `null`, and OpenAPI-only annotations and `x-` extensions are dropped. For a request body
 * (`{ request: true }`), a `readOnly` property is not required: OpenAPI requires it in responses
 * only. Any other keyword Ajv does not know fails the generation (strict mode), so a spec change the
 * validator cannot express is noticed here.
 */
export function jsonSchemaFor(document, schema, id, { request = false } = {}) {
  const schemas = document.components?.schemas ?? {};
  const definitions = {};
  const pending = [];
  const convert = (node) => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key) || REWRITTEN.has(key) || key.startsWith("x-")) continue;
      if (key === "$ref") {
        const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
        if (!match) throw new Error(`spec: ${id} uses a $ref the validator cannot follow: ${value}`);
        pending.push(match[1]);
        out.$ref = `#/definitions/${match[1]}`;
        continue;
      }
      // `properties` maps names to schemas: its keys are field names, never keywords.
      out[key] = key === "properties" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)])) : convert(value);
    }
    if (request && Array.isArray(out.required) && node.properties) {
      out.required = out.required.filter((name) => node.properties[name]?.readOnly !== true);
    }
    if (node.nullable !== true) return out;
    // A typed schema takes "null" among its types (and its enum); any other (allOf, a $ref) is
    // wrapped, so that null passes whatever the schema would otherwise say.
    if (typeof out.type !== "string") return { anyOf: [{ type: "null" }, out] };
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  };
  const root = convert(schema);
  while (pending.length > 0) {
    const next = pending.pop();
    if (definitions[next]) continue;
    if (!schemas[next]) throw new Error(`spec: components.schemas.${next} is missing`);
    definitions[next] = convert(schemas[next]);
  }
  return { $id: id, ...(Object.keys(definitions).length > 0 ? { definitions } : {}), ...root };
}

/**
 * Ajv's standalone code reaches for small runtime helpers with `require(...)`. Each one it may
 * use is replaced by a local function, so the output is one self-contained ES module that runs in
 * Node, Deno, Bun and browsers and adds no runtime dependency; a helper not listed here fails the
 * generation instead of shipping a `require`.
 */
const RUNTIME_HELPERS = {
  // minLength/maxLength count Unicode code points, not UTF-16 units.
  "ajv/dist/runtime/ucs2length": [
    "function ucs2length(text) {",
    "  let length = 0;",
    "  for (const _ of text) length += 1;",
    "  return length;",
    "}",
  ].join("\n"),
  // uniqueItems and enum/const of objects or arrays compare parsed JSON values deeply.
  "ajv/dist/runtime/equal": [
    "function equal(a, b) {",
    "  if (a === b) return true;",
    "  if (a === null || b === null || typeof a !== \"object\" || typeof b !== \"object\") return false;",
    "  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => equal(item, b[index]));",
    "  if (Array.isArray(b)) return false;",
    "  const keys = Object.keys(a);",
    "  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));",
    "}",
  ].join("\n"),
};

function inlineRuntimeHelpers(code) {
  const used = [];
  const replaced = code.replace(/require\("([^"]+)"\)\.default/g, (call, module) => {
    const helper = RUNTIME_HELPERS[module];
    if (!helper) throw new Error(`Ajv's standalone code needs ${module}, which @wawp/codegen's validators.js does not inline yet. Add it to RUNTIME_HELPERS.`);
    if (!used.includes(module)) used.push(module);
    return helper.slice("function ".length, helper.indexOf("("));
  });
  if (/\brequire\(/.test(replaced)) throw new Error("Ajv's standalone code still calls require(); the validator would not run in a browser or as ESM.");
  const helpers = used.map((module) => RUNTIME_HELPERS[module]).join("\n");
  return replaced.replace(/^"use strict";\n/, `"use strict";\n${helpers}\n`);
}

/**
 * One ES module exporting a validator per entry of `exports` (export name → JSON Schema with an
 * `$id`, from jsonSchemaFor). Formats are not checked: OpenAPI's (`int32`, `email`...) are hints
 * Ajv does not know without a plugin, and a client must not refuse what the server may accept.
 */
export function compileValidators(exports) {
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: false, strict: true, validateFormats: false });
  for (const schema of Object.values(exports)) ajv.addSchema(schema);
  const names = Object.fromEntries(Object.entries(exports).map(([name, schema]) => [name, schema.$id]));
  return inlineRuntimeHelpers(standaloneCode(ajv, names));
}
