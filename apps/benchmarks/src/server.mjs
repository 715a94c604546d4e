// The local HTTP server the end-to-end benchmark talks to, in a worker thread so its work does not
// share the benchmark's event loop: 127.0.0.1, a free port, keep-alive on, every request answered
// with the documented 200.
import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { createServer } from "node:http";
import { OK_BODY } from "./constants.mjs";

if (!isMainThread && parentPort) {
  const body = Buffer.from(OK_BODY);
  const headers = { "content-type": "application/json", "content-length": String(body.length) };
  const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (request, response) => {
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
    async close() {
      worker.postMessage("close");
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        worker.once("message", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await worker.terminate();
    },
  };
}
