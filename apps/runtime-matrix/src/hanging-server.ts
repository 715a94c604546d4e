// A loopback HTTP server that accepts every request and never answers: what a client's timeout
// and abort are tested against. Closing it destroys the connections it is holding open.
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";

export interface HangingServer {
  url: string;
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<Socket>();
  // The handler never answers: the request stays open until the client gives up.
  const server: Server = createServer(() => undefined);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the hanging server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
