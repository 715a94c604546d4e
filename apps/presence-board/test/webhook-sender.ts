// Builds and sends signed presence.update events, as the WAWP webhook sender would.
import { sign } from "../src/webhooks.js";

export interface EventInit {
  id: string;
  chatId: string;
  type: string;
  timestamp: number;
}

export function presenceEvent({ id, chatId, type, timestamp }: EventInit) {
  return {
    id,
    timestamp,
    session: "default",
    metadata: {},
    engine: "WEBJS",
    event: "presence.update",
    payload: { chatId, type, from: chatId },
    me: { id: "22222222222@c.us", lid: "33333333333@lid", pushName: "Test" },
  };
}

/** POSTs one event, signed with `secret`; resolves with the status, or null when no answer came. */
export async function sendEvent(url: string, secret: string, init: EventInit): Promise<number | null> {
  const body = JSON.stringify(presenceEvent(init));
  try {
    const response = await fetch(`${url}/webhooks/wawp`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await sign(body, secret)) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

export interface StreamedChange {
  seq: number;
  event: string;
  data: {
    seq: number;
    kind: string;
    chatId: string;
    eventId: string | null;
    type: string | null;
    contact: { chatId: string; status: string; since: string | null; lastSeen: string | null; subscribed: boolean };
  };
}

/**
 * Reads GET /events until `until` says stop (or `timeoutMs` passes), parsing each message.
 * `lastEventId` is sent as the Last-Event-ID header, as a reconnecting browser does.
 */
export async function readEvents(
  url: string,
  options: { lastEventId?: string; until: (changes: StreamedChange[]) => boolean; timeoutMs?: number; onOpen?: () => void | Promise<void> },
): Promise<StreamedChange[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const changes: StreamedChange[] = [];
  try {
    const response = await fetch(`${url}/events`, {
      headers: options.lastEventId === undefined ? {} : { "last-event-id": options.lastEventId },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`GET /events answered ${response.status}`);
    await options.onOpen?.();
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split("\n")
            .filter((line) => line && !line.startsWith(":"))
            .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
        );
        if (fields["data"] === undefined) continue;
        changes.push({ seq: Number(fields["id"]), event: fields["event"] ?? "message", data: JSON.parse(fields["data"]) });
      }
      if (options.until(changes)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return changes;
}
