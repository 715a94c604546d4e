// Checks a real server against the spec: Prism runs as a proxy in front of it, forwards a set of
// probe requests, and validates every answer against spec/openapi.yaml. Each response that breaks
// the spec is reported with Prism's own words.
import { PAGE_EXAMPLE_CHAT_ID, SUBSCRIBE_PATH } from "./cases.js";
import { startPrism } from "./prism.js";

export interface Violation {
  location: string;
  severity: string;
  message: string;
}

export interface ProbeResult {
  probe: string;
  status: number;
  contentType: string;
  /** Violations of the spec in the upstream's response (request-side findings are left out). */
  violations: Violation[];
}

export interface LiveCheckOptions {
  /** The real API, e.g. https://api.wawp.net */
  upstream: string;
  instanceId: string;
  accessToken: string;
  /** The contact to subscribe. @default the endpoint page's example */
  chatId?: string | undefined;
}

interface Probe {
  name: string;
  chatId: string;
  credentials: "both" | "none" | "wrong-instance";
  accept: string;
}

/** What is sent: every documented outcome the real API can be led to without special powers. */
export function probes(chatId: string): Probe[] {
  return [
    { name: "subscribe a valid contact (expects 200)", chatId, credentials: "both", accept: "application/json" },
    { name: "subscribe with the @ escaped as %40 (expects 200)", chatId: chatId.replace("@", "%40"), credentials: "both", accept: "application/json" },
    { name: "an invalid chatId sent raw (expects 400)", chatId: "%2B0", credentials: "both", accept: "application/json" },
    { name: "an invalid chatId asking for XML (expects 400 XML)", chatId: "%2B0", credentials: "both", accept: "application/xml" },
    { name: "no credentials (expects 401)", chatId, credentials: "none", accept: "application/json" },
    { name: "an instance that does not exist (expects 404)", chatId, credentials: "wrong-instance", accept: "application/json" },
  ];
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<ProbeResult[]> {
  const prism = await startPrism({ mode: "proxy", upstream: options.upstream });
  try {
    const results: ProbeResult[] = [];
    for (const probe of probes(options.chatId ?? PAGE_EXAMPLE_CHAT_ID)) {
      const query = new URLSearchParams();
      if (probe.credentials !== "none") {
        query.set("instance_id", probe.credentials === "wrong-instance" ? "wawp-contract-check-no-such-instance" : options.instanceId);
        query.set("access_token", options.accessToken);
      }
      const url = `${prism.url}${SUBSCRIBE_PATH.replace("{chatId}", probe.chatId)}${query.size > 0 ? `?${query}` : ""}`;
      const response = await fetch(url, {
        method: "POST",
        headers: { Accept: probe.accept, "Content-Type": "application/json" },
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      results.push({
        probe: probe.name,
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        violations: responseViolations(response.headers.get("sl-violations")),
      });
    }
    return results;
  } finally {
    await prism.stop();
  }
}

function responseViolations(header: string | null): Violation[] {
  if (!header) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return [{ location: "response", severity: "Error", message: `unreadable sl-violations header: ${header}` }];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .map((v: { location?: unknown; severity?: unknown; message?: unknown }) => ({
      location: Array.isArray(v.location) ? v.location.join(".") : String(v.location ?? ""),
      severity: String(v.severity ?? ""),
      message: String(v.message ?? ""),
    }))
    .filter((v) => v.location.startsWith("response"));
}

/** A readable report; the token never appears in it (nothing of the request's query is printed). */
export function formatLiveReport(upstream: string, results: ProbeResult[]): string {
  const lines = [`Live contract check of ${upstream} against spec/openapi.yaml (through prism proxy):`];
  for (const result of results) {
    const verdict = result.violations.length === 0 ? "conforms" : `${result.violations.length} violation(s)`;
    lines.push(`  ${result.violations.length === 0 ? "✓" : "✗"} ${result.probe}: ${result.status} ${result.contentType || "(no content type)"} — ${verdict}`);
    for (const v of result.violations) lines.push(`      ${v.severity} at ${v.location}: ${v.message}`);
  }
  const total = results.reduce((sum, r) => sum + r.violations.length, 0);
  lines.push(total === 0 ? "No response violated the spec." : `${total} response violation(s) of the spec.`);
  return lines.join("\n");
}
