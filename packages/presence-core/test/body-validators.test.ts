// The request-body validators `pnpm generate` compiles from the spec (packages/codegen/src/validators.js):
// the generated module itself, written to a file and imported, checked against the OpenAPI rules a
// client must follow so that it never refuses a body the server accepts, nor sends one it refuses.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compileValidators, jsonSchemaFor } from "@wawp/codegen/validators";
import { afterAll, describe, expect, it } from "vitest";

type Validator = ((body: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

const dir = mkdtempSync(join(tmpdir(), "wawp-validators-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const components = {
  Owner: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
  Pet: { type: "object", required: ["kind"], discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" } } },
};

/** The validator of a request body with `schema`, through the same path as the generator's. */
async function validatorFor(schema: unknown, name: string): Promise<Validator> {
  const document = { components: { schemas: components } };
  const code = compileValidators({ validateBody0: jsonSchemaFor(document, schema, `request-body-${name}`, { request: true }) });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  const module = (await import(pathToFileURL(file).href)) as { validateBody0: Validator };
  return module.validateBody0;
}

describe("request-body validators compiled from the spec", () => {
  it("accepts null where the spec says nullable: a typed field, an enum, an allOf and a $ref", async () => {
    const validate = await validatorFor(
      {
        type: "object",
        properties: {
          note: { type: "string", nullable: true },
          mood: { type: "string", enum: ["calm", "busy"], nullable: true },
          owner: { nullable: true, allOf: [{ $ref: "#/components/schemas/Owner" }] },
          backup: { $ref: "#/components/schemas/Owner" },
        },
      },
      "nullable",
    );
    expect(validate({ note: null, mood: null, owner: null })).toBe(true);
    expect(validate({ owner: { name: "n" } })).toBe(true);
    // Nullable never loosens the rest of the schema, and a field without it still refuses null.
    expect(validate({ mood: "asleep" })).toBe(false);
    expect(validate({ owner: {} })).toBe(false);
    expect(validate({ backup: null })).toBe(false);
    expect(validate({ note: 1 })).toBe(false);
  });

  it("does not require a readOnly property in a request, as OpenAPI says", async () => {
    const validate = await validatorFor({ type: "object", required: ["id", "name"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } }, "read-only");
    expect(validate({ name: "n" })).toBe(true);
    expect(validate({ id: "1" })).toBe(false);
    expect(validate.errors?.[0]?.message).toBe("must have required property 'name'");
  });

  it("compares objects deeply for uniqueItems and an enum of objects, and reads past a discriminator", async () => {
    const validate = await validatorFor(
      {
        type: "object",
        properties: {
          tags: { type: "array", uniqueItems: true, items: { type: "object", properties: { k: { type: "string" } } } },
          corner: { enum: [{ x: 0, y: 0 }, [1, 2]] },
          pet: { $ref: "#/components/schemas/Pet" },
        },
      },
      "deep",
    );
    expect(validate({ tags: [{ k: "a" }, { k: "b" }], corner: { y: 0, x: 0 }, pet: { kind: "cat" } })).toBe(true);
    expect(validate({ tags: [{ k: "a" }, { k: "a" }] })).toBe(false);
    expect(validate({ corner: [1, 2] })).toBe(true);
    expect(validate({ corner: { x: 0 } })).toBe(false);
    expect(validate({ pet: {} })).toBe(false);
  });

  it("counts a string's length in code points, as JSON Schema does", async () => {
    const validate = await validatorFor({ type: "string", maxLength: 2 }, "length");
    expect(validate("😀😀")).toBe(true);
    expect(validate("😀😀😀")).toBe(false);
  });
});
