// The page's script: shows every contact, keeps the table live through Server-Sent Events, and
// runs the subscribe form. No framework: a table of rows and one form.

interface Contact {
  chatId: string;
  status: string;
  since: string | null;
  lastSeen: string | null;
  subscribed: boolean;
}

interface ChangeMessage {
  seq: number;
  kind: "presence" | "subscription";
  contact: Contact;
}

interface SubscribeAnswer {
  chatId?: string;
  ok: boolean;
  status: number | null;
  message: string;
  error?: { name: string; kind: string };
}

/** The badge each presence type shows. */
const BADGES: Record<string, string> = {
  available: "online",
  composing: "typing",
  recording: "recording",
  paused: "paused",
  unavailable: "offline",
};
const badgeFor = (status: string): string => BADGES[status] ?? "unknown";

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};

const rows = byId<HTMLTableSectionElement>("contact-rows");
const emptyNote = byId<HTMLParagraphElement>("no-contacts");
const connection = byId<HTMLParagraphElement>("connection");
const form = byId<HTMLFormElement>("subscribe-form");
const input = byId<HTMLInputElement>("chat-id");
const button = byId<HTMLButtonElement>("subscribe-button");
const result = byId<HTMLDivElement>("subscribe-result");

const contacts = new Map<string, Contact>();

// --- relative times -----------------------------------------------------------------------------

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

function ago(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 5_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return relative.format(Math.round(diff / ms), unit);
  }
  return iso;
}

function timeCell(iso: string | null): HTMLTableCellElement {
  const cell = document.createElement("td");
  if (iso === null) {
    cell.textContent = "never";
    return cell;
  }
  const time = document.createElement("time");
  time.dateTime = iso;
  time.title = new Date(iso).toLocaleString();
  time.textContent = ago(iso, Date.now());
  cell.append(time);
  return cell;
}

function refreshTimes(): void {
  const now = Date.now();
  for (const time of rows.querySelectorAll("time")) time.textContent = ago(time.dateTime, now);
}

// --- the table ----------------------------------------------------------------------------------

function renderRow(contact: Contact): HTMLTableRowElement {
  const row = document.createElement("tr");
  row.dataset["chatId"] = contact.chatId;
  const name = document.createElement("th");
  name.scope = "row";
  name.textContent = contact.chatId;
  const statusCell = document.createElement("td");
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.dataset["badge"] = badgeFor(contact.status);
  badge.dataset["status"] = contact.status;
  badge.textContent = badgeFor(contact.status);
  statusCell.append(badge);
  const subscribed = document.createElement("td");
  subscribed.textContent = contact.subscribed ? "yes" : "no";
  row.append(name, statusCell, timeCell(contact.since), timeCell(contact.lastSeen), subscribed);
  return row;
}

function upsert(contact: Contact, flash: boolean): void {
  contacts.set(contact.chatId, contact);
  const row = renderRow(contact);
  const existing = rows.querySelector<HTMLTableRowElement>(`tr[data-chat-id="${CSS.escape(contact.chatId)}"]`);
  if (existing) existing.replaceWith(row);
  else {
    // Rows stay sorted by contact id.
    const after = [...rows.rows].find((r) => (r.dataset["chatId"] ?? "") > contact.chatId);
    rows.insertBefore(row, after ?? null);
  }
  if (flash) row.classList.add("flash");
  emptyNote.hidden = contacts.size > 0;
}

// --- live updates -------------------------------------------------------------------------------

let lastEventId = "";
let source: EventSource | undefined;

function setConnection(state: "connecting" | "live" | "reconnecting", text: string): void {
  connection.dataset["state"] = state;
  connection.textContent = text;
}

function onChange(event: MessageEvent<string>): void {
  const change = JSON.parse(event.data) as ChangeMessage;
  lastEventId = event.lastEventId || lastEventId;
  upsert(change.contact, true);
}

/** Opens the stream from `lastEventId`. The browser resends Last-Event-ID on its own reconnects. */
function connect(): void {
  source?.close();
  const stream = new EventSource(`/events?lastEventId=${encodeURIComponent(lastEventId)}`);
  source = stream;
  stream.addEventListener("presence", onChange);
  stream.addEventListener("subscription", onChange);
  stream.addEventListener("open", () => setConnection("live", "Live"));
  stream.addEventListener("error", () => {
    setConnection("reconnecting", "Reconnecting…");
    // A refused or failed answer closes the stream for good: open a new one after a pause.
    if (stream.readyState === EventSource.CLOSED) setTimeout(connect, 2_000);
  });
}

async function load(): Promise<void> {
  const response = await fetch("/api/presence", { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET /api/presence answered ${response.status}`);
  lastEventId = response.headers.get("x-last-event-id") ?? "";
  for (const contact of (await response.json()) as Contact[]) upsert(contact, false);
  emptyNote.hidden = contacts.size > 0;
  connect();
}

// --- the subscribe form -------------------------------------------------------------------------

function showResult(outcome: "ok" | "error", title: string, message: string): void {
  result.dataset["outcome"] = outcome;
  const strong = document.createElement("strong");
  strong.textContent = title;
  result.replaceChildren(strong, document.createTextNode(message));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void subscribe(input.value.trim());
});

async function subscribe(chatId: string): Promise<void> {
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  try {
    const response = await fetch("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ chatId }),
    });
    let answer: SubscribeAnswer;
    try {
      answer = (await response.json()) as SubscribeAnswer;
    } catch {
      answer = { ok: false, status: response.status, message: `The board answered ${response.status} without a readable body.` };
    }
    if (answer.ok) {
      input.removeAttribute("aria-invalid");
      showResult("ok", "Subscribed:", `${answer.chatId ?? chatId} (${answer.status}) ${answer.message}`);
      if (answer.chatId && !contacts.has(answer.chatId)) {
        upsert({ chatId: answer.chatId, status: "unknown", since: null, lastSeen: null, subscribed: true }, true);
      }
      input.value = "";
    } else {
      if (answer.error?.kind === "validation" || response.status === 400) input.setAttribute("aria-invalid", "true");
      const name = answer.error?.name ?? `HTTP ${response.status}`;
      const status = answer.status === null || answer.status === undefined ? "" : ` (API status ${answer.status})`;
      showResult("error", `${name}${status}:`, answer.message);
    }
  } catch (error) {
    showResult("error", "Network error:", `the board could not be reached (${(error as Error).message}).`);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    input.focus();
  }
}

setInterval(refreshTimes, 1_000);
load().catch((error: unknown) => {
  setConnection("reconnecting", `Could not load the board: ${(error as Error).message}`);
  setTimeout(() => location.reload(), 5_000);
});
