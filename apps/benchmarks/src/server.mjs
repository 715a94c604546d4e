// The local HTTP server the end-to-end benchmark and the load run talk to, in a worker thread so its
// work does not share the clients' event loop: 127.0.0.1, a free port, keep-alive on, every request
// answered with the documented 200. It counts the requests it answered.
import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { createServer } from "node:http";
import { OK_BODY } from "./constants.mjs";

if (!isMainThread && parentPort) {
  const body = Buffer.from(OK_BODY);
  const headers = { "content-type": "application/json", "content-length": String(body.length) };
  let answered = 0;
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
    answered += 1;
    request.resume();
    request.on("end", () => response.writeHead(200, headers).end(body));
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    parentPort.postMessage({ port: address.port });
  });
  parentPort.on("message", (message) => {
    if (message === "count") parentPort.postMessage({ count: answered });
    if (message === "close") {
      server.closeAllConnections();
      server.close(() => parentPort.postMessage({ closed: true }));
    }
  });
}

/** Starts the server; resolves `{ url, close() }`. */
export async function startBenchServer() {
  const worker = new Worker(new URL(import.meta.url));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the benchmark server did not start within 10 s")), 10_000);
    worker.once("error", reject);
    worker.once("message", (message) => {
      clearTimeout(timer);
      resolve(message.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** How many requests the server has received so far. */
    requestCount() {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the benchmark server did not answer within 5 s")), 5_000);
        const onMessage = (message) => {
          if (typeof message?.count !== "number") return;
          clearTimeout(timer);
          worker.off("message", onMessage);
          resolve(message.count);
        };
        worker.on("message", onMessage);
        worker.postMessage("count");
      });
    },
    async close() {
      worker.postMessage("close");
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        const onMessage = (message) => {
          if (!message?.closed) return;
          clearTimeout(timer);
          worker.off("message", onMessage);
          resolve();
        };
        worker.on("message", onMessage);
      });
      await worker.terminate();
    },
  };
}
