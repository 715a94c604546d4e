// The SDK's signatures, computed from the generated code: each operation's parameters and success
// model are those of its generated `<operationId>Raw` method; its documented statuses and success
// flag come from the API table. A new operation or status in the spec changes these with no hand edit.
import type { API, CallOptions, OperationError, OperationId } from "@wawp/presence-core";
import type { ApiResponse } from "./generated/runtime.js";
import type { Json } from "./generated/models.gen.js";
import type { SdkOperations } from "./generated/operations.gen.js";

type Table = typeof API.operations;
type RawMethod<Op extends OperationId> = SdkOperations[Op]["api"][`${Op}Raw` & keyof SdkOperations[Op]["api"]];

/** An operation's parameters by name: the generated request interface (`{ chatId }`), as JSON. */
export type OperationParams<Op extends OperationId> = RawMethod<Op> extends (...args: infer A) => unknown
  ? A extends [infer P, ...unknown[]]
    ? Json<P>
    : Record<string, never>
  : Record<string, never>;

type Model<Op extends OperationId> = RawMethod<Op> extends (...args: never[]) => Promise<ApiResponse<infer T>> ? Json<T> : never;
type FlagOf<Op extends OperationId> = Table[Op]["successBodies"][keyof Table[Op]["successBodies"]] extends infer B ? (B extends { flag: infer F extends string } ? F : never) : never;

/** The success model of an operation; the spec's success flag (e.g. `success`) is then `true`. */
export type OperationData<Op extends OperationId> = [FlagOf<Op>] extends [never] ? Model<Op> : Model<Op> & { readonly [K in FlagOf<Op>]: true };

/** Every error an operation can throw: one class per documented status, typed JSON bodies included. */
export type OperationFailure<Op extends OperationId> = OperationError<keyof Table[Op]["responses"] & number, Json<SdkOperations[Op]["errorBodies"]>>;

/** What `<operationId>Raw` resolves: the generator's `ApiResponse` idiom, with the response's `url` redacted and its body already read. */
export interface RawResult<T> {
  raw: Response;
  value(): Promise<T>;
}

type Method<Op extends OperationId, R> = {} extends OperationParams<Op>
  ? (params?: OperationParams<Op>, options?: CallOptions) => Promise<R>
  : (params: OperationParams<Op>, options?: CallOptions) => Promise<R>;

/** One method per operation of the spec, named by its operationId, and its `…Raw` twin. */
export type OperationMethods = { readonly [Op in OperationId]: Method<Op, OperationData<Op>> } & {
  readonly [Op in OperationId as `${Op}Raw`]: Method<Op, RawResult<OperationData<Op>>>;
};
