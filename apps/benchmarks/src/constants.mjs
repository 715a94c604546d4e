// The one input and answer every contender shares, read from the spec: the subscribe operation's
// path, its example contact and its documented success body.
import { readFileSync } from "node:fs";
import { specPath } from "@wawp/codegen";
import { describeApi, describeExamples } from "@wawp/codegen/api-table";
import { parse } from "yaml";

const document = parse(readFileSync(specPath, "utf8"));
const operation = describeApi(document).operations.subscribeToPresence;
export const SUBSCRIBE_PATH = operation.path;
export const CHAT_ID = String(operation.parameters.find((p) => p.key === "chatId").example);
export const OK_BODY = describeExamples(document).subscribeToPresence[200]["application/json"];
export const INSTANCE_ID = "bench-instance";
export const ACCESS_TOKEN = "bench-token";
