// A loopback HTTP server that accepts every request and never answers: what a client's timeout
// and abort are tested against. Closing it destroys the connections it is holding open.
import { createServer } from "node:http";
import { listenOnLoopback, type LoopbackServer } from "./loopback-server.js";

export type HangingServer = LoopbackServer;

export function startHangingServer(): Promise<HangingServer> {
  // The handler never answers: the request stays open until the client gives up.
  return listenOnLoopback(createServer(() => undefined), "the hanging server");
}
