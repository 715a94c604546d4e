// A stand-in registry for the @wawp scope only, on 127.0.0.1, serving the packed tarballs: so
// `npx @wawp/presence-cli` and `npm install -g @wawp/presence-cli` can be tried exactly as a user
// would, before anything is published. npm is pointed at it with `--@wawp:registry=<url>`; every
// other package still comes from the configured registry.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { basename } from "node:path";

export interface ScopeRegistry {
  url: string;
  /** The scoped names asked for, in order (packuments and tarballs). */
  requests: string[];
  close(): Promise<void>;
}

interface Manifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

export async function startScopeRegistry(tarballs: string[]): Promise<ScopeRegistry> {
  const packages = tarballs.map((path) => {
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", path, "package/package.json"], { encoding: "utf8" })) as Manifest;
    const bytes = readFileSync(path);
    return {
      manifest,
      file: basename(path),
      bytes,
      shasum: createHash("sha1").update(bytes).digest("hex"),
      integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
    };
  });
  const requests: string[] = [];
  let url = "";
  // A path of its own for each run: npm caches packuments by URL, and a port can come round again.
  const base = `/${randomUUID()}/`;
  const server = createServer((request, response) => {
    const raw = request.url ?? "/";
    const path = raw.startsWith(base) ? decodeURIComponent(raw.slice(base.length)) : "";
    requests.push(path);
    const tarball = packages.find((p) => path === `-/${p.file}`);
    if (tarball) {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": tarball.bytes.length }).end(tarball.bytes);
      return;
    }
    const found = packages.find((p) => p.manifest.name === path);
    if (!found) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    const { manifest } = found;
    const packument = {
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: {
        [manifest.version]: { ...manifest, dist: { tarball: `${url}/-/${found.file}`, shasum: found.shasum, integrity: found.integrity } },
      },
    };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}${base.slice(0, -1)}`;
  return {
    url,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
