// Serves a folder over HTTP on 127.0.0.1, on a port the OS picks: pages are opened from a real
// origin (not file://), as users would open them.
import { createServer } from "node:http";
import sirv from "sirv";
import { listenOnLoopback, type LoopbackServer } from "./loopback-server.js";

export type StaticServer = LoopbackServer;

export function serveFolder(dir: string): Promise<StaticServer> {
  return listenOnLoopback(createServer(sirv(dir, { dev: true })), "the static server");
}
