// The API table the clients are generated from (packages/codegen/src/api-table.js): what it reads
// from a spec, and the spec constructs it refuses because a client could not honour them, each
// refusal naming the fix. Each case is the real spec with one change.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describeApi, describeExamples, SpecError } from "@wawp/codegen/api-table";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const specText = readFileSync(require.resolve("@wawp/presence-spec/openapi.yaml"), "utf8");
type Document = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
const ok200 = { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/SubscribeResponse" } } } } };

/** The real spec plus one operation at POST /v2/things. */
function withOperation(operation: Record<string, unknown>, schemas: Record<string, unknown> = {}): Document {
  const document = parse(specText) as Document;
  document.paths["/v2/things"] = { post: { operationId: "addThing", responses: ok200, ...operation } };
  Object.assign(document.components.schemas, schemas);
  return document;
}

function specError(document: unknown, read: (document: unknown) => unknown = describeApi): string {
  try {
    read(document);
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  return expect.unreachable("the spec should have been refused");
}

const inlineBody = { required: true, content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } }, example: { name: "n" } } } };

describe("the API table", () => {
  it("records a string parameter's date or date-time format", () => {
    const table = describeApi(
      withOperation({
        parameters: [
          { name: "since", in: "query", schema: { type: "string", format: "date-time" } },
          { name: "day", in: "query", schema: { type: "string", format: "date" } },
          { name: "note", in: "query", schema: { type: "string", format: "email" } },
        ],
      }),
    );
    expect(table.operations["addThing"]?.parameters.map((p) => [p.key, p.format])).toEqual([
      ["since", "date-time"],
      ["day", "date"],
      ["note", undefined],
    ]);
  });

  it("records the bounds the clients check: range, length, count", () => {
    const table = describeApi(
      withOperation({
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, exclusiveMaximum: true } },
          { name: "ids", in: "query", schema: { type: "array", minItems: 1, maxItems: 5, items: { type: "string", minLength: 3 } } },
        ],
      }),
    );
    const [limit, ids] = table.operations["addThing"]?.parameters ?? [];
    expect(limit).toMatchObject({ minimum: 1, maximum: 100, exclusiveMaximum: true });
    expect(ids).toMatchObject({ minItems: 1, maxItems: 5, items: { type: "string", minLength: 3 } });
  });

  it("describes a query array by its items, and refuses arrays elsewhere, other array forms and object parameters", () => {
    const ids = { name: "ids", in: "query", schema: { type: "array", items: { type: "string", enum: ["a", "b"] } }, example: ["a"] };
    expect(describeApi(withOperation({ parameters: [ids] })).operations["addThing"]?.parameters[0]).toMatchObject({ type: "array", items: { type: "string", enum: ["a", "b"] } });
    expect(specError(withOperation({ parameters: [{ ...ids, explode: false }] }))).toContain("only query arrays in the default form");
    expect(specError(withOperation({ parameters: [{ ...ids, in: "header" }] }))).toContain("only query arrays in the default form");
    expect(specError(withOperation({ parameters: [{ name: "filter", in: "query", schema: { type: "object" } }] }))).toContain("is an object; parameters must be");
  });

  it("names a body after the operation's x-codegen-request-body-name, else after its schema", () => {
    expect(describeApi(withOperation({ "x-codegen-request-body-name": "thing", requestBody: inlineBody })).operations["addThing"]?.body?.key).toBe("thing");
    const referenced = { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/SubscribeResponse" } } } };
    expect(describeApi(withOperation({ requestBody: referenced })).operations["addThing"]?.body?.key).toBe("subscribeResponse");
  });

  it("takes a body's example from the media type, its named examples, or every property's own, and asks for one when there is none", () => {
    const thing = { type: "object", required: ["count"], properties: { count: { type: "integer", example: 3 }, note: { type: "string" } } };
    const body = (media: Record<string, unknown>) => withOperation({ "x-codegen-request-body-name": "thing", requestBody: { required: true, content: { "application/json": media } } });
    expect(describeApi(body({ schema: thing, example: { count: 1 } })).operations["addThing"]?.body?.example).toEqual({ count: 1 });
    expect(describeApi(body({ schema: thing, examples: { first: { value: { count: 2 } } } })).operations["addThing"]?.body?.example).toEqual({ count: 2 });
    const everyProperty = { ...thing, properties: { ...thing.properties, note: { type: "string", example: "n" } } };
    expect(describeApi(body({ schema: everyProperty })).operations["addThing"]?.body?.example).toEqual({ count: 3, note: "n" });
    expect(specError(body({ schema: thing }))).toMatch(/POST \/v2\/things: give the request body an example .*the contract suite sends it/);
  });

  it("refuses an unnamed inline body, and the name put on the body, where openapi-generator does not read it", () => {
    expect(specError(withOperation({ requestBody: inlineBody }))).toContain("or the operation an x-codegen-request-body-name");
    expect(specError(withOperation({ requestBody: { ...inlineBody, "x-codegen-request-body-name": "thing" } }))).toContain(
      "move x-codegen-request-body-name from the request body to the operation",
    );
  });

  it("refuses what openapi-generator 4.3.1 cannot build: unions anywhere, inline composed bodies, properties without a type", () => {
    const union = { type: "object", properties: { target: { oneOf: [{ type: "string" }, { type: "integer" }] } } };
    expect(specError(withOperation({}, { Target: union }))).toMatch(/components\.schemas\.Target\.target: oneOf\/anyOf.*one object schema with optional properties/);
    const inlineBody = { "x-codegen-request-body-name": "thing", requestBody: { content: { "application/json": { schema: union } } } };
    expect(specError(withOperation(inlineBody))).toMatch(/the request body: body\.target has oneOf\/anyOf/);
    const composed = { allOf: [{ $ref: "#/components/schemas/SubscribeResponse" }, { type: "object", properties: { jobId: { type: "string" } } }] };
    expect(specError(withOperation({ responses: { "202": { description: "queued", content: { "application/json": { schema: composed } } } } }))).toContain(
      "response 202 application/json: a composed schema (allOf/oneOf/anyOf) written inline; move it to components.schemas",
    );
    const untyped = { properties: { note: { type: "string" } }, required: ["note"] };
    expect(specError(withOperation({ responses: { "200": { description: "ok", content: { "application/json": { schema: untyped } } } } }))).toContain("has properties but no type; add type: object");
  });

  it("describes a named allOf success body as one object, its members' required fields merged", () => {
    const queued = { allOf: [{ $ref: "#/components/schemas/SubscribeResponse" }, { type: "object", required: ["jobId"], properties: { jobId: { type: "string" } } }] };
    const table = describeApi(withOperation({ responses: { "202": { description: "queued", content: { "application/json": { schema: { $ref: "#/components/schemas/Queued" } } } } } }, { Queued: queued }));
    expect(table.operations["addThing"]?.successBodies[202]).toEqual({ type: "object", required: { success: "boolean", message: "string", jobId: "string" } });
  });

  it("refuses a date field anywhere in a request body, naming it", () => {
    const body = { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } };
    const schemas = {
      Thing: { type: "object", properties: { name: { type: "string" }, seen: { type: "array", items: { $ref: "#/components/schemas/Seen" } } } },
      Seen: { type: "object", properties: { at: { type: "string", format: "date-time" }, again: { $ref: "#/components/schemas/Seen" } } },
    };
    expect(specError(withOperation({ requestBody: body }, schemas))).toMatch(/POST \/v2\/things: the request body's body\.seen\[\]\.at has format date or date-time.*drop the format/);
  });

  it("refuses what a client cannot honour: a status range, a non-JSON body, an operationId that is no method name", () => {
    expect(specError(withOperation({ responses: { ...ok200, "4XX": { description: "any" } } }))).toContain("write each documented status out");
    expect(specError(withOperation({ requestBody: { content: { "text/plain": { schema: { type: "string" } } } } }))).toContain("only application/json request bodies");
    expect(specError(withOperation({ operationId: "add-thing" }))).toContain("must be a camelCase identifier");
    expect(specError(withOperation({ operationId: "subscribeMany" }))).toContain("choose another");
    // Object's and the generated BaseAPI's members, and words openapi-generator renames.
    for (const id of ["constructor", "valueOf", "hasOwnProperty", "clone", "request", "withMiddleware"]) {
      expect(specError(withOperation({ operationId: id })), id).toContain(`operationId '${id}' is taken by the clients' own members`);
    }
    for (const id of ["delete", "new", "default"]) expect(specError(withOperation({ operationId: id })), id).toContain("is a reserved word that openapi-generator renames");
  });

  it("takes a response's example from the media type, its named examples, or every property's own, as Prism serves it", () => {
    const respond = (media: Record<string, unknown>) => withOperation({ responses: { "200": { description: "ok", content: { "application/json": media } } } });
    const thing = { type: "object", properties: { count: { type: "integer", example: 3 }, seen: { type: "array", items: { type: "string", example: "a" } } } };
    expect(describeExamples(respond({ schema: thing }))["addThing"]?.[200]).toEqual({ "application/json": '{"count":3,"seen":["a"]}' });
    expect(describeExamples(respond({ schema: thing, examples: { first: { value: { count: 1 } }, second: { value: { count: 2 } } } }))["addThing"]?.[200]).toEqual({
      "application/json": '{"count":1}',
    });
    const partial = { type: "object", properties: { count: { type: "integer", example: 3 }, note: { type: "string" } } };
    expect(specError(respond({ schema: partial }), describeExamples)).toMatch(/addThing 200 application\/json: give it an example/);
  });
});
