// The client's signatures, computed from the generated code: the API table gives each operation's
// parameters, documented statuses and success flag; openapi-typescript's `operations` gives the
// value types. A new operation or status in the spec changes these types with no hand edit.
import type { API, CallOptions, OperationError, OperationId } from "@wawp/presence-core";
import type { operations } from "./generated/schema.gen.js";

type Table = typeof API.operations;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;
type ParameterOf<Op extends OperationId> = Table[Op]["parameters"][number];
type Responses<Op extends OperationId> = operations[Op]["responses"];

/** The value type openapi-typescript gives parameter `P` of operation `Op`. */
type ValueOf<Op extends OperationId, P extends ParameterOf<Op>> = P["name"] extends keyof NonNullable<operations[Op]["parameters"][P["in"]]>
  ? NonNullable<operations[Op]["parameters"][P["in"]]>[P["name"]]
  : never;

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : R extends { content: Record<string, infer T> } ? T : undefined;

type BodyParam<Op extends OperationId> = Table[Op] extends { body: { key: infer K extends string; required: infer Required } }
  ? operations[Op] extends { requestBody?: infer Body }
    ? Required extends true
      ? { [Key in K]: JsonBody<NonNullable<Body>> }
      : { [Key in K]?: JsonBody<NonNullable<Body>> }
    : never
  : unknown;

type ParamsByName<Op extends OperationId> = {
  [P in Extract<ParameterOf<Op>, { required: true }> as P["key"]]: ValueOf<Op, P>;
} & {
  [P in Exclude<ParameterOf<Op>, { required: true }> as P["key"]]?: ValueOf<Op, P>;
} & BodyParam<Op>;

/**
 * An operation's parameters by name, as typescript-fetch names them (`{ chatId }`). An operation
 * without any takes an empty object at most, so a stray key is a type error, not a run-time one.
 */
export type OperationParams<Op extends OperationId> = keyof ParamsByName<Op> extends never ? Record<string, never> : ParamsByName<Op>;

/** The flag a success body must not have false (the spec's `x-success-flag`), set to `true`. */
type Flagged<Op extends OperationId, S> = S extends keyof Table[Op]["successBodies"]
  ? Table[Op]["successBodies"][S] extends { flag: infer F extends string }
    ? { readonly [K in F]: true }
    : unknown
  : unknown;

/** The success body of an operation, typed from the spec. */
export type OperationData<Op extends OperationId> = {
  [S in keyof Responses<Op> & SuccessStatus]: JsonBody<Responses<Op>[S]> & Flagged<Op, S>;
}[keyof Responses<Op> & SuccessStatus];

/** Every error an operation can end in: one class per documented status, typed JSON bodies included. */
export type OperationFailure<Op extends OperationId> = OperationError<
  keyof Table[Op]["responses"] & number,
  { [S in keyof Responses<Op>]: JsonBody<Responses<Op>[S]> }
>;

/**
 * The result of a call: exactly one of `data` and `error` is set. `response` is the HTTP response
 * (body already read; its `url` redacted), absent when nothing was answered.
 */
export type OperationResult<Op extends OperationId> =
  | { data: OperationData<Op>; error?: undefined; response: Response }
  | { data?: undefined; error: OperationFailure<Op>; response: Response | undefined };

type Method<Op extends OperationId> = {} extends OperationParams<Op>
  ? (params?: OperationParams<Op>, options?: CallOptions) => Promise<OperationResult<Op>>
  : (params: OperationParams<Op>, options?: CallOptions) => Promise<OperationResult<Op>>;

/** One method per operation of the spec, named by its operationId. */
export type OperationMethods = { readonly [Op in OperationId]: Method<Op> };
