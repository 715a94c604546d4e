// The contract cases, read from the spec: one per documented (status, content type) pair of the
// subscribe operation. A response added to the spec becomes a case with no new test code.
import { readFileSync } from "node:fs";
import { specPath } from "@wawp/codegen";
import { parse } from "yaml";

export interface ContractCase {
  /** e.g. "404 application/xml" */
  name: string;
  status: number;
  contentType: string;
  /** The documented example as Prism serves it: JSON text for JSON, the string itself otherwise. */
  exampleText: string;
  /** The parsed example for JSON content types. */
  exampleJson: unknown;
  /**
   * The message a client should surface, worked out here independently of the clients' own
   * parsing so the test is an oracle, not an echo.
   */
  expectedMessage: string | undefined;
}

interface OpenApiDocument {
  info: { version: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>>;
}

export const SUBSCRIBE_PATH = "/v2/presence/{chatId}/subscribe";

export function loadSpecDocument(path: string = specPath): OpenApiDocument {
  return parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

export function contractCases(path: string = specPath): ContractCase[] {
  const operation = loadSpecDocument(path).paths[SUBSCRIBE_PATH]?.["post"];
  if (!operation) throw new Error(`${path}: POST ${SUBSCRIBE_PATH} is missing`);
  const cases: ContractCase[] = [];
  for (const [code, response] of Object.entries(operation.responses)) {
    const status = Number(code);
    if (!Number.isInteger(status)) continue;
    for (const [contentType, media] of Object.entries(response.content ?? {})) {
      if (media.example === undefined) throw new Error(`${path}: ${code} ${contentType} has no example`);
      const json = contentType.includes("json");
      const exampleText = json ? JSON.stringify(media.example) : String(media.example);
      cases.push({
        name: `${status} ${contentType}`,
        status,
        contentType,
        exampleText,
        exampleJson: json ? media.example : undefined,
        expectedMessage: expectedMessage(contentType, media.example),
      });
    }
  }
  return cases;
}

function expectedMessage(contentType: string, example: unknown): string | undefined {
  if (contentType.includes("json")) {
    const message = (example as { message?: unknown } | null)?.message;
    return typeof message === "string" ? message : undefined;
  }
  const text = String(example);
  if (contentType === "text/plain") return text.trim();
  const tag = contentType === "text/html" ? "title" : "message";
  const inner = text.split(`<${tag}>`)[1]?.split(`</${tag}>`)[0];
  return inner
    ?.replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** The spec's first server: production. */
export function productionUrl(path: string = specPath): string {
  const url = loadSpecDocument(path).servers?.[0]?.url;
  if (!url) throw new Error(`${path}: servers[0].url is missing`);
  return url;
}

/** The contact id the endpoint page uses in its example. */
export const PAGE_EXAMPLE_CHAT_ID = "447441429009@c.us";
/** The success body the endpoint page shows, written out here so the spec's example is checked against it. */
export const PAGE_EXAMPLE_SUCCESS = { success: true, message: "Operation completed successfully" } as const;
