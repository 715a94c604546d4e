// Reads the spec into the one description of the API that everything else is driven by: every
// operation with its method, path, parameters, security and documented responses. The clients'
// runtime, the contract suite and the benchmarks read this table instead of restating the spec.
//
// Anything the generic runtime cannot honour is refused here, at generate time, with the fix.

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** Methods whose requests may be repeated safely (RFC 9110, 9.2.2). */
const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options", "trace"]);
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;
const CREDENTIALS = new Set(["instanceId", "accessToken"]);
/** Names the clients use for their own members, so no operation may take them. */
const RESERVED = new Set(["subscribe", "subscribeMany", "baseUrl", "basePath", "then"]);
/** Names a method cannot take: inherited from Object, and the members of typescript-fetch's BaseAPI. */
const INHERITED = new Set([
  ...["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"],
  ...["configuration", "middleware", "withMiddleware", "withPreMiddleware", "withPostMiddleware", "request", "createFetchParams", "fetchApi", "clone"],
]);
/** Words openapi-generator's TypeScript generators rename (to `_delete`, ...), so the SDK's method would not match. */
const GENERATOR_RESERVED = new Set(
  (
    "abstract await boolean break byte case catch char class const continue debugger default delete do double else enum export " +
    "extends false final finally float for formParams function goto headerParams if implements import in instanceof int interface " +
    "let long native new null package private protected public queryParameters requestOptions return short static super switch " +
    "synchronized this throw transient true try typeof useFormData var varLocalDeferred varLocalPath void volatile while with yield"
  ).split(" "),
);

/**
 * The name openapi-generator's typescript-fetch gives a parameter in its request object, which both
 * clients use: words split at anything but letters and digits, then camelCased (`X-Trace` -> `xTrace`).
 */
export function parameterKey(name) {
  const words = String(name).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
  return joined ? joined[0].toLowerCase() + joined.slice(1) : joined;
}

/** application/json or a `+json` type: a body the clients parse as JSON. */
export function isJsonType(type) {
  return type === "application/json" || type.endsWith("+json");
}

class SpecError extends Error {
  name = "SpecError";
}

/** `node` with its local `$ref`s followed (itself when it has none); a broken or circular one is a SpecError. */
export function resolve(document, node, seen = new Set()) {
  if (!node || typeof node.$ref !== "string") return node;
  if (!node.$ref.startsWith("#/")) throw new SpecError(`only local $refs are supported, found ${node.$ref}`);
  if (seen.has(node.$ref)) throw new SpecError(`circular $ref ${node.$ref}`);
  seen.add(node.$ref);
  const target = node.$ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((at, key) => at?.[key], document);
  if (target === undefined) throw new SpecError(`$ref ${node.$ref} points at nothing`);
  return resolve(document, target, seen);
}

/** The JSON type a schema declares, for the success-body check ("object", "string", ...). */
function jsonType(document, schema) {
  const resolved = resolve(document, schema);
  return typeof resolved?.type === "string" ? resolved.type : undefined;
}

function describeSecuritySchemes(document) {
  const schemes = {};
  for (const [key, raw] of Object.entries(document.components?.securitySchemes ?? {})) {
    const scheme = resolve(document, raw);
    const where = `components.securitySchemes.${key}`;
    if (scheme.type !== "apiKey" || (scheme.in !== "query" && scheme.in !== "header")) {
      throw new SpecError(`${where}: only apiKey schemes in the query or a header are supported (found ${scheme.type} in ${scheme.in})`);
    }
    const credential = scheme["x-credential"];
    if (!CREDENTIALS.has(credential)) {
      throw new SpecError(`${where}: set x-credential to one of ${[...CREDENTIALS].join(", ")}: the client option that fills this scheme`);
    }
    schemes[key] = { in: scheme.in, name: scheme.name, credential };
  }
  return schemes;
}

function describeParameter(document, raw, where) {
  const parameter = resolve(document, raw);
  if (!["path", "query", "header"].includes(parameter.in)) {
    throw new SpecError(`${where}: parameter '${parameter.name}' is in ${parameter.in}; only path, query and header parameters are supported`);
  }
  const schema = resolve(document, parameter.schema) ?? {};
  const example = parameter.example ?? schema.example;
  const described = {
    name: parameter.name,
    key: parameterKey(parameter.name),
    in: parameter.in,
    required: parameter.in === "path" ? true : parameter.required === true,
    ...describeValue(schema, `${where}: parameter '${parameter.name}'`),
  };
  if (described.type === "array") {
    // Both clients send an array as the spec's default query form: `ids=a&ids=b`.
    const exploded = (parameter.style ?? "form") === "form" && parameter.explode !== false;
    if (parameter.in !== "query" || !exploded) {
      throw new SpecError(`${where}: parameter '${parameter.name}' is an array; only query arrays in the default form (style: form, explode: true) are supported`);
    }
    const items = describeValue(resolve(document, schema.items) ?? {}, `${where}: the items of parameter '${parameter.name}'`);
    if (items.type === "array" || items.format !== undefined) {
      throw new SpecError(`${where}: the items of parameter '${parameter.name}' must be plain strings, numbers or booleans (no nested arrays, no date formats)`);
    }
    described.items = items;
    for (const key of ["minItems", "maxItems"]) if (Number.isInteger(schema[key])) described[key] = schema[key];
  }
  if (example !== undefined) described.example = example;
  return described;
}

/** A parameter value's type, pattern, enum and date format; objects cannot be sent as parameters. */
function describeValue(schema, what) {
  const type = typeof schema.type === "string" ? schema.type : "string";
  if (type === "object") throw new SpecError(`${what} is an object; parameters must be strings, numbers, booleans or query arrays of them`);
  const described = { type };
  if (typeof schema.pattern === "string") {
    try {
      new RegExp(schema.pattern, "u");
    } catch (error) {
      throw new SpecError(`${what}: its pattern is not a valid regular expression: ${error.message}`);
    }
    described.pattern = schema.pattern;
  }
  if (Array.isArray(schema.enum)) described.enum = schema.enum;
  // Bounds the clients check before sending (OpenAPI 3.0: the exclusive forms are booleans).
  for (const key of ["minimum", "maximum", "minLength", "maxLength"]) if (typeof schema[key] === "number") described[key] = schema[key];
  for (const key of ["exclusiveMinimum", "exclusiveMaximum"]) if (schema[key] === true) described[key] = true;
  // typescript-fetch types these as Date; the clients take the RFC 3339 string, check it, and the
  // SDK hands its generated method the Date it expects.
  if (type === "string" && (schema.format === "date" || schema.format === "date-time")) described.format = schema.format;
  return described;
}

const isDate = (schema) => schema.type === "string" && (schema.format === "date" || schema.format === "date-time");
const isUnion = (schema) => Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf);

/** The path of the first schema inside `raw` (itself included) that `test` picks, if any. */
function findInSchema(document, raw, at, test, seen = new Set()) {
  const schema = resolve(document, raw);
  if (!schema || typeof schema !== "object" || seen.has(schema)) return undefined;
  seen.add(schema);
  if (test(schema)) return at;
  const parts = [
    ...Object.entries(schema.properties ?? {}).map(([name, child]) => [`${at}.${name}`, child]),
    ...(schema.items ? [[`${at}[]`, schema.items]] : []),
    ...(typeof schema.additionalProperties === "object" ? [[`${at}.*`, schema.additionalProperties]] : []),
    ...["allOf", "oneOf", "anyOf"].flatMap((key) => (schema[key] ?? []).map((child) => [at, child])),
  ];
  for (const [path, child] of parts) {
    const found = findInSchema(document, child, path, test, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What a JSON body written in an operation needs for openapi-generator 4.3.1 to build it: a
 * composed schema (allOf, oneOf, anyOf) only as a named component, and `type: object` beside
 * `properties` (unions are refused wherever they are, in describeApi).
 */
function checkBodySchema(document, raw, what) {
  if (!raw || typeof raw.$ref === "string") return;
  if (raw.allOf || raw.oneOf || raw.anyOf) throw new SpecError(`${what}: a composed schema (allOf/oneOf/anyOf) written inline; move it to components.schemas and $ref it`);
  if (raw.properties && raw.type === undefined) throw new SpecError(`${what}: its schema has properties but no type; add type: object`);
  const union = findInSchema(document, raw, "body", isUnion);
  if (union !== undefined) throw new SpecError(`${what}: ${union} has oneOf/anyOf, which ${UNION_FIX}`);
}

const UNION_FIX = "openapi-generator 4.3.1 cannot build; use one object schema with optional properties";

/** An object schema as one: `allOf` members merged (their type, required names and properties). */
function objectShape(document, schema) {
  if (!Array.isArray(schema?.allOf)) return { type: jsonType(document, schema), required: schema?.required ?? [], properties: schema?.properties ?? {} };
  const members = schema.allOf.map((member) => objectShape(document, resolve(document, member)));
  return {
    type: members.some((member) => member.type === "object") || members.some((member) => Object.keys(member.properties).length > 0) ? "object" : undefined,
    required: members.flatMap((member) => member.required),
    properties: Object.assign({}, ...members.map((member) => member.properties)),
  };
}

/**
 * A JSON request body travels as one named entry of the parameters, named as typescript-fetch names
 * it: the operation's `x-codegen-request-body-name`, else the camelCased name of the referenced schema.
 */
function describeRequestBody(document, operation, where) {
  const raw = operation.requestBody;
  const requestBody = resolve(document, raw);
  // openapi-generator reads the name on the operation only; elsewhere the clients would disagree.
  if (requestBody["x-codegen-request-body-name"] !== undefined || raw["x-codegen-request-body-name"] !== undefined) {
    throw new SpecError(`${where}: move x-codegen-request-body-name from the request body to the operation, where openapi-generator reads it`);
  }
  const json = requestBody.content?.["application/json"];
  if (!json || Object.keys(requestBody.content).length !== 1) {
    throw new SpecError(`${where}: only application/json request bodies are supported`);
  }
  const named = operation["x-codegen-request-body-name"];
  const ref = json.schema?.$ref;
  const name = named ?? (typeof ref === "string" ? ref.split("/").pop() : undefined);
  if (!name) {
    throw new SpecError(`${where}: give the request body a $ref schema, or the operation an x-codegen-request-body-name, so both clients name it the same`);
  }
  // typescript-fetch's body converters call toISOString() on such a field, which the SDK passes as
  // the JSON string it was given.
  checkBodySchema(document, json.schema, `${where}: the request body`);
  const dateField = findInSchema(document, json.schema, "body", isDate);
  if (dateField !== undefined) {
    throw new SpecError(`${where}: the request body's ${dateField} has format date or date-time, which openapi-generator 4.3.1 turns into a Date the clients do not build; drop the format (keep type string, with a pattern) in request bodies`);
  }
  // The contract suite sends it (and the client checks it against the schema before sending).
  const example = exampleOf(document, json);
  if (example === undefined) {
    throw new SpecError(`${where}: give the request body an example (on the media type, or on its schema and every property): the contract suite sends it`);
  }
  return { key: parameterKey(name), required: requestBody.required === true, contentType: "application/json", example };
}

function describeResponses(document, operation, where) {
  const responses = {};
  const successBodies = {};
  for (const [code, raw] of Object.entries(operation.responses ?? {})) {
    if (!/^[1-5]\d\d$/.test(code)) {
      throw new SpecError(`${where}: response '${code}' is not a single status; write each documented status out (ranges and 'default' are not supported)`);
    }
    const response = resolve(document, raw);
    const status = Number(code);
    const content = response.content ?? {};
    for (const [type, media] of Object.entries(content)) if (isJsonType(type)) checkBodySchema(document, media.schema, `${where}: response ${code} ${type}`);
    responses[status] = Object.keys(content);
    if (status >= 200 && status < 300) {
      const json = Object.entries(content).find(([type]) => isJsonType(type));
      const schema = json ? resolve(document, json[1].schema) : undefined;
      const shape = schema ? objectShape(document, schema) : undefined;
      const body = {};
      if (shape) {
        if (shape.type) body.type = shape.type;
        if (shape.required.length > 0) {
          body.required = Object.fromEntries(shape.required.map((name) => [name, jsonType(document, shape.properties[name]) ?? "unknown"]));
        }
      }
      const flag = response["x-success-flag"];
      if (flag !== undefined) {
        if (jsonType(document, shape?.properties[flag]) !== "boolean") {
          throw new SpecError(`${where}: x-success-flag '${flag}' of response ${code} must name a boolean property of its JSON schema`);
        }
        body.flag = flag;
      }
      successBodies[status] = body;
    }
  }
  if (Object.keys(successBodies).length === 0) throw new SpecError(`${where}: documents no 2xx response`);
  return { responses, successBodies };
}

/**
 * The API table. Statuses are numbers; content types keep the spec's spelling; operations are keyed
 * by operationId, which must be a camelCase identifier because both clients name a method after it.
 */
export function describeApi(document) {
  const securitySchemes = describeSecuritySchemes(document);
  // openapi-generator 4.3.1's TypeScript models cannot express a union: the SDK would not build.
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const union = findInSchema(document, schema, name, isUnion);
    if (union !== undefined) throw new SpecError(`components.schemas.${union}: oneOf/anyOf, which ${UNION_FIX}`);
  }
  const topSecurity = document.security ?? [];
  const operations = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = item.parameters ?? [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      if (typeof id !== "string" || !IDENTIFIER.test(id)) {
        throw new SpecError(`${where}: operationId ${JSON.stringify(id)} must be a camelCase identifier such as getPresence: both clients name a method after it`);
      }
      if (RESERVED.has(id) || INHERITED.has(id) || id.endsWith("Raw")) {
        throw new SpecError(
          `${where}: operationId '${id}' is taken by the clients' own members (${[...RESERVED, ...INHERITED].join(", ")}, and names ending in Raw); choose another`,
        );
      }
      if (GENERATOR_RESERVED.has(id)) {
        throw new SpecError(`${where}: operationId '${id}' is a reserved word that openapi-generator renames; choose another, such as ${id}Presence`);
      }
      if (Object.hasOwn(operations, id)) throw new SpecError(`${where}: operationId '${id}' is used twice`);
      // Operation-level parameters override path-level ones with the same name and location.
      const byKey = new Map();
      for (const raw of [...shared, ...(operation.parameters ?? [])]) {
        const parameter = describeParameter(document, raw, where);
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const parameters = [...byKey.values()];
      for (const [, name] of path.matchAll(/\{([^{}]+)\}/g)) {
        if (!parameters.some((p) => p.in === "path" && p.name === name)) throw new SpecError(`${where}: path parameter '${name}' is not declared`);
      }
      const body = operation.requestBody ? describeRequestBody(document, operation, where) : undefined;
      const keys = [...parameters.map((p) => p.key), ...(body ? [body.key] : [])];
      const twice = keys.find((key, index) => keys.indexOf(key) !== index);
      if (twice) throw new SpecError(`${where}: two inputs are named '${twice}'; the clients take parameters by name`);
      const security = (operation.security ?? topSecurity).map((requirement) => Object.keys(requirement));
      for (const key of security.flat()) {
        if (!securitySchemes[key]) throw new SpecError(`${where}: security scheme '${key}' is not defined`);
      }
      operations[id] = {
        method,
        path,
        idempotent: operation["x-idempotent"] === true || IDEMPOTENT_METHODS.has(method),
        parameters,
        ...(body ? { body } : {}),
        security,
        ...describeResponses(document, operation, where),
      };
    }
  }
  if (Object.keys(operations).length === 0) throw new SpecError("the spec has no operations");
  const servers = (document.servers ?? []).map((server) => server.url);
  if (typeof servers[0] !== "string") throw new SpecError("servers[0].url (production) is missing");
  return { version: document.info.version, servers, securitySchemes, operations };
}

/** Per operationId, the schema of its JSON request body, for the generated body validators. */
export function requestBodySchemas(document) {
  const schemas = {};
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      const body = operation?.requestBody && resolve(document, operation.requestBody);
      const schema = body?.content?.["application/json"]?.schema;
      if (schema) schemas[operation.operationId] = schema;
    }
  }
  return schemas;
}

/**
 * The documented examples of every operation, for the test helper and the contract suite:
 * per operation, per status, per content type, the example as the body text a server would send.
 */
export function describeExamples(document) {
  const examples = {};
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const byStatus = {};
      for (const [code, raw] of Object.entries(operation.responses ?? {})) {
        const response = resolve(document, raw);
        byStatus[Number(code)] = Object.fromEntries(
          Object.entries(response.content ?? {}).map(([type, media]) => {
            const example = exampleOf(document, media);
            if (example === undefined) {
              throw new SpecError(
                `${operation.operationId} ${code} ${type}: give it an example (on the media type, or on its schema and every property): ` +
                  "Prism serves it, and the contract suite and createMockFetch answer with it",
              );
            }
            return [type, isJsonType(type) ? JSON.stringify(example) : String(example)];
          }),
        );
      }
      examples[operation.operationId] = byStatus;
    }
  }
  return examples;
}

/**
 * A response body's example as Prism serves it: the media type's `example`, else its first named
 * `examples` entry, else the schema's own, else one built from every property's example (as
 * Prism's sampler builds it then). Undefined when some part has none.
 */
function exampleOf(document, media) {
  if (media.example !== undefined) return media.example;
  const named = resolve(document, Object.values(media.examples ?? {})[0]);
  if (named?.value !== undefined) return named.value;
  return schemaExample(document, media.schema, new Set());
}

function schemaExample(document, raw, seen) {
  const schema = resolve(document, raw);
  if (!schema || typeof schema !== "object" || seen.has(schema)) return undefined;
  if (schema.example !== undefined) return schema.example;
  const inner = new Set([...seen, schema]);
  if (schema.type === "array") {
    const item = schemaExample(document, schema.items, inner);
    return item === undefined ? undefined : [item];
  }
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return undefined;
  const built = {};
  for (const [name, child] of properties) {
    const value = schemaExample(document, child, inner);
    if (value === undefined) return undefined;
    built[name] = value;
  }
  return built;
}

export { SpecError };
