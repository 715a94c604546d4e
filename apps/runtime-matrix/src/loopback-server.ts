// Starts a node:http server on 127.0.0.1, on a port the OS picks, and closes it together with every
// connection it still holds (a request it never answered included), so closing never waits on one.
import type { Server } from "node:http";

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server, what: string): Promise<LoopbackServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`${what} has no TCP address`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
