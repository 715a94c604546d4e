/** The Ajv version the validators are compiled with. */
export declare const AJV_VERSION: string;
/** A JSON Schema with an `$id`, ready for compileValidators. */
export type IdentifiedSchema = { $id: string } & Record<string, unknown>;
export declare function jsonSchemaFor(document: any, schema: unknown, id: string, options?: { request?: boolean }): IdentifiedSchema;
export declare function compileValidators(exports: Record<string, IdentifiedSchema>): string;
