// Where the ids come from: the arguments, then each --from-file (one id per line, "-" for stdin),
// read lazily so a list of any length keeps memory flat; and the ids an earlier --json run already
// subscribed (--resume), which are skipped.
import { createReadStream, fstatSync, type ReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { createInterface } from "node:readline";
import { UsageError } from "./args.js";

/** An input opened before anything is sent, so a missing file is a usage error, not a failure half-way. */
export interface OpenedInput {
  name: string;
  /** Opens the lines; called once. */
  lines(): AsyncIterable<string> & { close(): void };
  /** Whether the input can be read twice (a regular file, not stdin or a pipe), to count its ids first. */
  countable: boolean;
  /** Closes an input whose lines were never opened. */
  discard(): void;
}

export async function openInputs(paths: string[], stdin: NodeJS.ReadableStream): Promise<OpenedInput[]> {
  const opened: OpenedInput[] = [];
  const handles: FileHandle[] = [];
  try {
    for (const path of paths) {
      if (path === "-") {
        opened.push({ name: "stdin", countable: false, lines: () => linesOf(stdin), discard: () => undefined });
        continue;
      }
      const handle = await openFile(path, "--from-file");
      handles.push(handle);
      opened.push({
        name: path,
        countable: (await handle.stat()).isFile(),
        lines: () => linesOf(createReadStream("", { fd: handle, encoding: "utf8" })),
        discard: () => void handle.close().catch(() => undefined),
      });
    }
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close()));
    throw error;
  }
  return opened;
}

async function openFile(path: string, flag: string): Promise<FileHandle> {
  try {
    const handle = await open(path, "r");
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new UsageError(`${flag} ${path} is a folder; give a file`);
    }
    return handle;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    throw new UsageError(`cannot read ${flag} ${path}${code ? ` (${code})` : ""}`);
  }
}

function linesOf(stream: NodeJS.ReadableStream | ReadStream): AsyncIterable<string> & { close(): void } {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  return {
    [Symbol.asyncIterator]: () => reader[Symbol.asyncIterator](),
    close() {
      reader.close();
      if ("destroy" in stream && typeof stream.destroy === "function") stream.destroy();
    },
  };
}

/** The id on a line: blank lines and `#` comments (whole-line, or after a space) are none. */
export function idOnLine(line: string): string | undefined {
  const id = line.replace(/(^|\s)#.*$/, "").trim();
  return id === "" ? undefined : id;
}

/** Counts the ids of the inputs, when every one can be read twice; undefined otherwise. */
export async function countIds(inputs: OpenedInput[], paths: string[], signal: AbortSignal): Promise<number | undefined> {
  if (!inputs.every((input) => input.countable)) return undefined;
  let count = 0;
  for (const path of paths) {
    const lines = linesOf(createReadStream(path, { encoding: "utf8" }));
    try {
      for await (const line of lines) {
        if (signal.aborted) return undefined;
        if (idOnLine(line) !== undefined) count += 1;
      }
    } finally {
      lines.close();
    }
  }
  return count;
}

export interface Skipping {
  /** Whether the normalized id was already subscribed. */
  has(chatId: string): boolean;
  /** Lines of the file that were not results of `--json` (a cut-off last line, or another format). */
  unreadable: number;
  /** Whether the file is `fd` (stdout appending to it) and its last line was cut off (a crash mid-write). */
  endsMidLine(fd: number): boolean;
}

/**
 * Reads an earlier `--json` output: every id with `"ok": true` is skipped this time. The file is
 * read whole before the first request, so it may be the file this run appends to.
 */
export async function readResume(path: string, signal: AbortSignal): Promise<Skipping> {
  const handle = await openFile(path, "--resume");
  const { dev, ino, size } = await handle.stat();
  const last = size > 0 ? (await handle.read(Buffer.alloc(1), 0, 1, size - 1)).buffer[0] : undefined;
  const done = new Set<string>();
  let unreadable = 0;
  const lines = linesOf(createReadStream("", { fd: handle, encoding: "utf8" }));
  try {
    for await (const line of lines) {
      if (signal.aborted) break;
      if (line.trim() === "") continue;
      const result = parseResult(line);
      if (!result) unreadable += 1;
      else if (result.ok === true && typeof result.chatId === "string") done.add(result.chatId);
    }
  } finally {
    lines.close();
  }
  return {
    has: (chatId) => done.has(chatId),
    unreadable,
    endsMidLine(fd) {
      if (last === undefined || last === 0x0a) return false;
      try {
        const out = fstatSync(fd);
        return out.dev === dev && out.ino === ino;
      } catch {
        return false;
      }
    },
  };
}

function parseResult(line: string): { chatId?: unknown; ok?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as { chatId?: unknown; ok?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

export interface Counters {
  /** Ids handed to the client. */
  taken: number;
  /** Ids skipped because an earlier run subscribed them. */
  skipped: number;
}

/**
 * The ids to send, lazily: the arguments, then each input's lines, without those to skip. Stops
 * at once when `signal` aborts. Closes every input when done or abandoned.
 */
export async function* idsToSend(
  args: string[],
  inputs: OpenedInput[],
  skip: (chatId: string) => boolean,
  signal: AbortSignal,
  counters: Counters,
): AsyncGenerator<string, void, undefined> {
  let current: (AsyncIterable<string> & { close(): void }) | undefined;
  let reached = 0;
  try {
    for (const line of args) {
      if (signal.aborted) return;
      if (take(line)) yield line;
    }
    // Each input is opened when its turn comes: a reader started early would lose lines.
    for (const input of inputs) {
      reached += 1;
      current = input.lines();
      for await (const line of current) {
        if (signal.aborted) return;
        const id = idOnLine(line);
        if (id !== undefined && take(id)) yield id;
      }
      current.close();
      current = undefined;
    }
  } finally {
    current?.close();
    for (const input of inputs.slice(reached)) input.discard();
  }

  function take(id: string): boolean {
    if (skip(id)) {
      counters.skipped += 1;
      return false;
    }
    counters.taken += 1;
    return true;
  }
}
