// `simulate-events`: sends signed presence.update webhooks to a receiver (Prism sends none), built
// from the spec's example event (components.schemas.PresenceUpdateEvent.example) with varied types
// and times, optionally redelivered and shuffled the way a real sender's retries and network can.
// Loops are bounded by --count; traffic is paced by --rate; signing is @wawp/presence-webhooks'.
import { parseOptions } from "./options.js";
import { checkParams, createRedactor } from "@wawp/presence-client";
import { PRESENCE_UPDATE_EXAMPLE, sign } from "@wawp/presence-webhooks";
import type { CliIo } from "./command.js";

export const PRESENCE_TYPES = ["available", "composing", "paused", "recording", "unavailable"] as const;

/** A simulated event: the spec's example with its own id, time, contact and type. */
export type SimulatedEvent = Record<string, unknown> & {
  id: string;
  timestamp: number;
  payload: { chatId: string; type: string; from: string };
};

/** The spec's example presence.update event, as @wawp/presence-webhooks generates it from the spec. */
export function specExampleEvent(): Record<string, unknown> {
  return { ...PRESENCE_UPDATE_EXAMPLE };
}

export interface SimulateOptions {
  /** The receiver's URL, e.g. http://127.0.0.1:8787/webhooks/wawp */
  to: string;
  secret: string;
  /** Distinct events to make. */
  count: number;
  /** Deliveries per second at most. */
  rate: number;
  /** Contacts the events are about, used in turn. */
  chatIds: string[];
  /** Chance (0 to 1) that an event is delivered a second time. */
  duplicates: number;
  /** Send in random order instead of in timestamp order. */
  shuffle: boolean;
  /** Seed for the random choices, so a run can be repeated. */
  seed: number;
  /** Deliveries in flight at once. @default 8 */
  concurrency?: number;
  /** The first event's time in ms. @default Date.now() */
  start?: number;
  signal?: AbortSignal;
}

export interface Delivery {
  event: SimulatedEvent;
  /** True for the second delivery of an event. */
  redelivery: boolean;
  /** The receiver's status, or null when no answer came. */
  status: number | null;
  /** Why no answer came. */
  error?: string;
}

export interface SimulateReport {
  to: string;
  seed: number;
  events: number;
  redeliveries: number;
  /** Deliveries answered 2xx. */
  accepted: number;
  byStatus: Record<string, number>;
  /**
   * Per refusing status, the receiver's own reason: the `message` of the first such answer whose
   * body is JSON that has one (one line, cut short, the secret redacted). Kept once per status, so
   * a long run of refusals holds no more than a few.
   */
  reasons: Record<string, string>;
  deliveries: Delivery[];
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The events of a run, types and contacts varied. Each is timestamped with the time it is due to be
 * sent (`spacingMs` apart from `start`), so an unshuffled run arrives in timestamp order.
 */
export function buildEvents(count: number, chatIds: string[], random: () => number, start: number, spacingMs: number): SimulatedEvent[] {
  const runId = Math.floor(random() * 2 ** 32).toString(36);
  const template = specExampleEvent();
  return Array.from({ length: count }, (_, i) => {
    const chatId = chatIds[i % chatIds.length] as string;
    const type = PRESENCE_TYPES[Math.floor(random() * PRESENCE_TYPES.length)] as string;
    return {
      ...template,
      id: `evt_sim_${runId}_${i}`,
      timestamp: start + Math.round(i * spacingMs),
      payload: { chatId, type, from: chatId },
    };
  });
}

/** The order of deliveries: each event once, some twice, in timestamp order or shuffled. */
export function planDeliveries(events: SimulatedEvent[], duplicates: number, shuffle: boolean, random: () => number): Array<{ event: SimulatedEvent; redelivery: boolean }> {
  const plan: Array<{ event: SimulatedEvent; redelivery: boolean }> = [];
  for (const event of events) {
    plan.push({ event, redelivery: false });
    if (random() < duplicates) plan.push({ event, redelivery: true });
  }
  if (shuffle) {
    for (let i = plan.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [plan[i], plan[j]] = [plan[j]!, plan[i]!];
    }
    // Whichever copy now goes first is the delivery; the other is the redelivery.
    const seen = new Set<string>();
    for (const item of plan) {
      item.redelivery = seen.has(item.event.id);
      seen.add(item.event.id);
    }
  }
  return plan;
}

export async function simulateEvents(options: SimulateOptions): Promise<SimulateReport> {
  const random = seededRandom(options.seed);
  const intervalMs = 1000 / options.rate;
  const events = buildEvents(options.count, options.chatIds, random, options.start ?? Date.now(), intervalMs);
  const plan = planDeliveries(events, options.duplicates, options.shuffle, random);
  const deliveries: Delivery[] = new Array(plan.length);
  const reasons: Record<string, string> = {};
  const started = performance.now();
  let next = 0;

  async function worker(): Promise<void> {
    while (next < plan.length && !options.signal?.aborted) {
      const index = next;
      next += 1;
      const wait = started + index * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (options.signal?.aborted) return;
      const { event, redelivery } = plan[index]!;
      deliveries[index] = { event, redelivery, ...(await deliver(options, event, reasons)) };
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, plan.length) }, worker));

  const sent = deliveries.filter((delivery) => delivery !== undefined);
  const byStatus: Record<string, number> = {};
  for (const { status } of sent) byStatus[String(status ?? "no answer")] = (byStatus[String(status ?? "no answer")] ?? 0) + 1;
  return {
    to: options.to,
    seed: options.seed,
    events: new Set(sent.map((delivery) => delivery.event.id)).size,
    redeliveries: sent.filter((delivery) => delivery.redelivery).length,
    accepted: sent.filter(({ status }) => status !== null && status >= 200 && status < 300).length,
    byStatus,
    reasons,
    deliveries: sent,
  };
}

/** Sends one event; for a refusal whose status has no reason yet, keeps the receiver's in `reasons`. */
async function deliver(options: SimulateOptions, event: SimulatedEvent, reasons: Record<string, string>): Promise<{ status: number | null; error?: string }> {
  const body = JSON.stringify(event);
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000);
    const response = await fetch(options.to, {
      method: "POST",
      headers: { "content-type": "application/json", ...(await sign(body, options.secret)) },
      body,
      signal,
    });
    const status = String(response.status);
    if (response.ok || status in reasons) {
      await response.body?.cancel();
      return { status: response.status };
    }
    const reason = await receiverMessage(response, options.secret);
    if (reason !== undefined) reasons[status] ??= reason;
    return { status: response.status };
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return { status: null, error: cause?.code ?? (error as Error).message };
  }
}

/** The most of a refusal's body read: a receiver's JSON message is a few hundred bytes. */
const MESSAGE_READ_BYTES = 4_096;
const MESSAGE_SHOWN_CHARS = 300;
/** Below this length the redactor does not replace a secret inside other text (see createRedactor). */
const MIN_REDACTED_SECRET = 8;

/**
 * The `message` of a refusal's JSON body (the presence-webhooks receiver says there why it refused).
 * The receiver may be anyone's, so its answer is untrusted: a body longer than the bound is not
 * shown at all, the text is redacted before anything else is done to it (and again after), and it
 * is put on one line without control or format characters, so it cannot drive the terminal or
 * reorder what is shown.
 */
async function receiverMessage(response: Response, secret: string): Promise<string | undefined> {
  // A secret too short to redact inside text could hide in any message: none is shown.
  if (secret.length < MIN_REDACTED_SECRET) {
    await response.body?.cancel();
    return undefined;
  }
  const body = await readWhole(response, MESSAGE_READ_BYTES);
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const message = parsed !== null && typeof parsed === "object" ? (parsed as { message?: unknown }).message : undefined;
  if (typeof message !== "string") return undefined;
  // The secret as given, and as it reads once put on one line like the message.
  const redact = createRedactor([secret, oneLine(secret)]);
  const line = oneLine(redact(message));
  return line === "" ? undefined : redact.cut(line, MESSAGE_SHOWN_CHARS);
}

/** Whitespace, control and format characters (bidi marks, zero-width spaces) as one space each run. */
function oneLine(text: string): string {
  return text.replace(/[\s\p{Cc}\p{Cf}]+/gu, " ").trim();
}

/** The whole body as text, or undefined when it is longer than `limit` bytes or cannot be read. */
async function readWhole(response: Response, limit: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks).toString("utf8");
      size += value.byteLength;
      if (size > limit) return undefined;
      chunks.push(value);
    }
  } catch {
    return undefined;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

// --- the subcommand ---------------------------------------------------------------------------

export const SIMULATE_USAGE = `Send signed presence.update webhooks to a receiver, e.g. the presence board.

Usage:
  pnpm --silent cli simulate-events --to URL --secret S [options]

Options:
  --to URL            the receiver, e.g. http://127.0.0.1:8787/webhooks/wawp (required)
  --secret S          the webhook secret (or env WAWP_WEBHOOK_SECRET; prefer the env var)
  --count N           distinct events to send, 1 to 1000000            (default 20)
  --rate R            deliveries per second, up to 100000                (default 20)
  --chat-id ID        a contact the events are about; repeat for more
                      (default 447441429009@c.us, 447700900001@c.us, 447700900002@c.us)
  --duplicates P      chance from 0 to 1 that an event is delivered twice (default 0)
  --shuffle           deliver in random order instead of timestamp order
  --seed N            seed for the random choices, to repeat a run      (default: random)
  -h, --help          show this help

Exit codes: 0 every delivery answered 2xx, 1 some did not, 2 bad usage.
`;

export const DEFAULT_CHAT_IDS = ["447441429009@c.us", "447700900001@c.us", "447700900002@c.us"];

/** Bad usage of simulate-events: printed, exit 2. */
export class SimulateUsageError extends Error {
  override name = "SimulateUsageError";
}

const OPTIONS = {
  to: { type: "string" },
  secret: { type: "string" },
  count: { type: "string" },
  rate: { type: "string" },
  "chat-id": { type: "string", multiple: true },
  duplicates: { type: "string" },
  shuffle: { type: "boolean" },
  seed: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Parses the subcommand's arguments (after `simulate-events`); null means --help. */
export function parseSimulateArgs(argv: string[], env: NodeJS.ProcessEnv): SimulateOptions | null {
  let values;
  try {
    ({ values } = parseOptions(argv, OPTIONS, false));
  } catch (error) {
    throw new SimulateUsageError(`${(error as Error).message}. Run simulate-events --help for usage.`);
  }
  if (values.help) return null;

  if (values.to === undefined) throw new SimulateUsageError("Missing --to URL: the receiver, e.g. --to http://127.0.0.1:8787/webhooks/wawp");
  let to: URL;
  try {
    to = new URL(values.to);
  } catch {
    throw new SimulateUsageError(`--to must be an http(s) URL, e.g. http://127.0.0.1:8787/webhooks/wawp, got '${values.to}'`);
  }
  if (to.protocol !== "http:" && to.protocol !== "https:") throw new SimulateUsageError(`--to must be an http(s) URL, got a ${to.protocol} URL`);

  const secret = values.secret ?? env["WAWP_WEBHOOK_SECRET"];
  if (!secret) throw new SimulateUsageError("Missing webhook secret: pass --secret S or set WAWP_WEBHOOK_SECRET (the receiver's secret)");

  const chatIds: string[] = [];
  for (const given of values["chat-id"] ?? DEFAULT_CHAT_IDS) {
    try {
      chatIds.push(String(checkParams("subscribeToPresence", { chatId: given })["chatId"]));
    } catch (error) {
      throw new SimulateUsageError(`--chat-id: ${(error as Error).message}`);
    }
  }

  const duplicatesText = values.duplicates ?? "0";
  const duplicates = Number(duplicatesText);
  if (!/^\d*\.?\d+$/.test(duplicatesText) || duplicates > 1) {
    throw new SimulateUsageError(`--duplicates must be a number from 0 to 1 (the chance of a redelivery, e.g. 0.2), got '${duplicatesText}'`);
  }
  const rateText = values.rate ?? "20";
  const rate = Number(rateText);
  if (!/^\d*\.?\d+$/.test(rateText) || rate <= 0 || rate > 100_000) {
    throw new SimulateUsageError(`--rate must be a number of deliveries per second above 0 and up to 100000, got '${rateText}'`);
  }
  return {
    to: to.href,
    secret,
    count: wholeNumber(values.count ?? "20", "--count", 1, 1_000_000),
    rate,
    chatIds,
    duplicates,
    shuffle: values.shuffle ?? false,
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(values.seed, "--seed", 0, 2 ** 32 - 1),
  };
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new SimulateUsageError(`${flag} must be a whole number from ${min} to ${max}, got '${text}'`);
  }
  return Number(text);
}

/** The subcommand, as main dispatches it. */
export function run(args: string[], io: CliIo): Promise<number> {
  return runSimulateCommand(args, io.env, io.stdout, io.stderr);
}

/** Runs `simulate-events` with its arguments; returns the exit code. */
export async function runSimulateCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let options;
  try {
    options = parseSimulateArgs(argv, env);
  } catch (error) {
    if (!(error instanceof SimulateUsageError)) throw error;
    err.write(`wawp-presence simulate-events: ${error.message}\n`);
    return 2;
  }
  if (options === null) {
    out.write(SIMULATE_USAGE);
    return 0;
  }
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once("SIGINT", onInterrupt);
  try {
    const report = await simulateEvents({ ...options, signal: controller.signal });
    const statuses = Object.entries(report.byStatus).map(([status, n]) => `${status}: ${n}`).join(", ");
    out.write(
      `Sent ${report.events} events (+${report.redeliveries} redeliveries) to ${report.to} (seed ${report.seed}): ${statuses || "nothing sent"}\n`,
    );
    const failures = report.deliveries.filter(({ status }) => status === null || status < 200 || status >= 300);
    for (const failure of failures.slice(0, 5)) {
      const reason = failure.status === null ? undefined : report.reasons[String(failure.status)];
      const answer = failure.status === null ? `no answer (${failure.error})` : `answered ${failure.status}${reason ? `: ${reason}` : ""}`;
      err.write(`  ${failure.event.id}: ${answer}\n`);
    }
    return failures.length === 0 && !controller.signal.aborted ? 0 : 1;
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}

