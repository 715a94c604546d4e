// `pnpm board --demo`: the board, the mock API and the event simulator in one process, so the page
// comes alive with no account. The simulator signs with the board's generated secret, handed over
// here in memory; it is never printed.
import { DEFAULT_CHAT_IDS, simulateEvents } from "@wawp/presence-cli/simulate";
import type { RunningBoard } from "./server.js";

/** One hour of events at two a second, then the demo stops sending. */
const DEMO_EVENTS = 7_200;
const DEMO_RATE = 2;

/** Subscribes the demo contacts (through the mock) and starts sending events; returns a stop function. */
export function runDemo(board: RunningBoard, log: (line: string) => void): () => Promise<void> {
  const controller = new AbortController();
  const running = (async () => {
    for (const chatId of DEFAULT_CHAT_IDS) await board.subscribe(chatId);
    log(`Demo: subscribed ${DEFAULT_CHAT_IDS.join(", ")} through the mock; sending ${DEMO_RATE} simulated events a second. Open the page.`);
    const report = await simulateEvents(
      {
        to: `${board.url}/webhooks/wawp`,
        secret: board.secret ?? "",
        count: DEMO_EVENTS,
        rate: DEMO_RATE,
        chatIds: DEFAULT_CHAT_IDS,
        duplicates: 0.1,
        shuffle: false,
        seed: Date.now() % 2 ** 31,
        concurrency: 2,
        signal: controller.signal,
      },
    );
    if (!controller.signal.aborted) log(`Demo: sent ${report.events} events; the simulator has stopped.`);
  })().catch((error: unknown) => log(`Demo: the simulator stopped: ${(error as Error).message}`));
  return async () => {
    controller.abort();
    await running;
  };
}
