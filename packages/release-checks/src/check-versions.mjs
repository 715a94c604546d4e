// The rule that ties the spec's info.version to the published clients' versions:
//
//   every published client has the spec's MAJOR, and a MAJOR.MINOR at least the spec's.
//
// So an API change that bumps the spec's minor (a new optional field) must ship as at least a minor
// release of every client, and a breaking spec change (new major) as a major. Patch releases of a
// client (a fix in hand-written code) need no spec change. The check uses the versions the clients
// will have once the pending changesets are applied, so a spec bump and its changeset can land in
// one pull request, before `pnpm version-packages` runs.
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import getReleasePlan from "@changesets/get-release-plan";
import { parse } from "yaml";
import { publishedClients, workspaceRoot } from "./workspace.mjs";

const parseVersion = (v) => {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!match) throw new Error(`not a semver version: ${v}`);
  return match.slice(1, 4).map(Number);
};

export async function checkVersions(root) {
  const spec = parse(readFileSync(join(root, "spec", "openapi.yaml"), "utf8"));
  const specVersion = spec?.info?.version;
  const [specMajor, specMinor] = parseVersion(specVersion);
  const plan = await (getReleasePlan.default ?? getReleasePlan)(root);
  const planned = new Map(plan.releases.map((release) => [release.name, release.newVersion]));
  const problems = [];
  const rows = [];
  for (const client of publishedClients(root)) {
    const effective = planned.get(client.name) ?? client.version;
    const [major, minor] = parseVersion(effective);
    rows.push(`${client.name} ${client.version}${planned.has(client.name) ? ` -> ${effective} (pending changesets)` : ""}`);
    if (major !== specMajor) {
      problems.push(`${client.name} will be ${effective}, but the spec is ${specVersion}: the majors must match. Add a major changeset (pnpm changeset).`);
    } else if (minor < specMinor) {
      problems.push(`${client.name} will be ${effective}, but the spec is ${specVersion}: the client's minor must be at least the spec's. Add a minor changeset (pnpm changeset).`);
    }
  }
  return { specVersion, rows, problems };
}

// Run as a script (not when imported by a test). Compared as real paths, so a folder with spaces
// or a symlink in its path still runs the check.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { specVersion, rows, problems } = await checkVersions(workspaceRoot());
  if (problems.length > 0) {
    console.error(`check-versions: spec/openapi.yaml is ${specVersion}\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`check-versions: spec ${specVersion}; ${rows.join("; ")}: in step.`);
}
