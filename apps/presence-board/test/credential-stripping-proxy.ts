// A loopback proxy in front of the Prism mock that drops the access token from every request, so
// Prism answers with the spec's real 401 (it checks that credentials are present, not their value).
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export async function startCredentialStrippingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", upstream);
    url.searchParams.delete("access_token");
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: upstream.host };
    delete headers["access-token"];
    const out = forward(url, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on("error", () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
