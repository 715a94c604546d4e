// Checks a real server against the spec: Prism runs as a proxy in front of it, forwards probe
// requests derived from the API table, and validates every answer against spec/openapi.yaml.
// Two results per probe, kept apart: whether the answer conforms to the spec (Prism's findings),
// and whether it is the answer the probe expected. A documented status can still be unexpected.
import { readFileSync } from "node:fs";
import { specPath } from "@wawp/codegen";
import { describeApi, type OperationDescription } from "@wawp/codegen/api-table";
import { startPrism } from "@wawp/mock-server";
import { parse } from "yaml";

export interface Violation {
  location: string;
  severity: string;
  message: string;
}

export interface ProbeResult {
  probe: string;
  /** The status the probe is built to provoke. */
  expected: number;
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
  /** Overrides of parameters' example values, by name (e.g. a contact of your own as chatId). */
  params?: Record<string, string> | undefined;
  /** The spec to check against. @default spec/openapi.yaml */
  spec?: string;
}

interface Probe {
  name: string;
  expected: number;
  operation: OperationDescription;
  path: Record<string, string>;
  credentials: "both" | "none" | "wrong-instance";
  accept: string;
}

/**
 * What is sent, for every operation: a valid call (the first documented 2xx), the same with each
 * path value percent-encoded, an invalid path value (400, as JSON and as XML when documented), no
 * credentials (401), and an instance that does not exist (404), each when the spec documents it.
 */
export function probes(operations: Record<string, OperationDescription>, overrides: Record<string, string> = {}): Probe[] {
  const list: Probe[] = [];
  for (const [operationId, operation] of Object.entries(operations)) {
    const path: Record<string, string> = {};
    for (const p of operation.parameters) if (p.in === "path") path[p.name] = overrides[p.key] ?? String(p.example);
    const success = Number(Object.keys(operation.successBodies)[0] ?? 200);
    const documented = (status: number) => operation.responses[status] !== undefined;
    const add = (name: string, expected: number, extra: Partial<Probe> = {}) =>
      list.push({ name: `${operationId}: ${name} (expects ${expected})`, expected, operation, path, credentials: "both", accept: "application/json", ...extra });
    add("a valid call", success);
    const encoded = Object.fromEntries(Object.entries(path).map(([k, v]) => [k, encodeURIComponent(v)]));
    if (Object.entries(encoded).some(([k, v]) => v !== path[k])) add("the path values percent-encoded", success, { path: encoded });
    const refusable = operation.parameters.find((p) => p.in === "path" && p.pattern !== undefined);
    if (refusable && documented(400)) {
      const invalid = { ...path, [refusable.name]: "%2B0" };
      add(`an invalid ${refusable.name} sent raw`, 400, { path: invalid });
      if (operation.responses[400]?.includes("application/xml")) add(`an invalid ${refusable.name} asking for XML`, 400, { path: invalid, accept: "application/xml" });
    }
    if (operation.security.length > 0 && documented(401)) add("no credentials", 401, { credentials: "none" });
    if (operation.security.length > 0 && documented(404)) add("an instance that does not exist", 404, { credentials: "wrong-instance" });
  }
  return list;
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<ProbeResult[]> {
  const specFile = options.spec ?? specPath;
  const api = describeApi(parse(readFileSync(specFile, "utf8")));
  const schemes = Object.values(api.securitySchemes).filter((s) => s.in === "query");
  const instanceParam = schemes.find((s) => s.credential === "instanceId")?.name;
  const tokenParam = schemes.find((s) => s.credential === "accessToken")?.name;
  const prism = await startPrism({ mode: "proxy", upstream: options.upstream, spec: specFile });
  try {
    const results: ProbeResult[] = [];
    for (const probe of probes(api.operations, options.params)) {
      const query = new URLSearchParams();
      if (probe.credentials !== "none" && instanceParam && tokenParam) {
        query.set(instanceParam, probe.credentials === "wrong-instance" ? "wawp-contract-check-no-such-instance" : options.instanceId);
        query.set(tokenParam, options.accessToken);
      }
      let path = probe.operation.path;
      for (const [name, value] of Object.entries(probe.path)) path = path.replace(`{${name}}`, value);
      const response = await fetch(`${prism.url}${path}${query.size > 0 ? `?${query}` : ""}`, {
        method: probe.operation.method.toUpperCase(),
        headers: { Accept: probe.accept },
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      results.push({
        probe: probe.name,
        expected: probe.expected,
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

/** Whether the check failed: any violation of the spec, or any answer other than the one expected. */
export function liveCheckFailed(results: ProbeResult[]): boolean {
  return results.some((r) => r.violations.length > 0 || r.status !== r.expected);
}

/** A readable report, two verdicts per probe; the token never appears in it (no query is printed). */
export function formatLiveReport(upstream: string, results: ProbeResult[]): string {
  const lines = [`Live contract check of ${upstream} against spec/openapi.yaml (through prism proxy):`];
  for (const result of results) {
    const conforms = result.violations.length === 0;
    const asExpected = result.status === result.expected;
    const mark = conforms && asExpected ? "✓" : "✗";
    const spec = conforms ? "conforms to the spec" : `${result.violations.length} spec violation(s)`;
    const expectation = asExpected ? "as expected" : `UNEXPECTED: expected ${result.expected}`;
    lines.push(`  ${mark} ${result.probe}: got ${result.status} ${result.contentType || "(no content type)"} — ${spec}; ${expectation}`);
    for (const v of result.violations) lines.push(`      ${v.severity} at ${v.location}: ${v.message}`);
  }
  const violations = results.reduce((sum, r) => sum + r.violations.length, 0);
  const unexpected = results.filter((r) => r.status !== r.expected).length;
  lines.push(`${violations} response violation(s) of the spec; ${unexpected} unexpected status(es) of ${results.length} probe(s).`);
  return lines.join("\n");
}
