// Where the ids come from: the arguments, then each --from-file (one id per line, "-" for stdin),
// read lazily so a list of any length keeps memory flat; and the ids an earlier --json run already
// subscribed (--resume), which are skipped.
import { createReadStream, fstatSync, type ReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { createInterface } from "node:readline";
import { UsageError } from "./args.js";

/** An input opened before anything is sent, so a missing file is a usage error, not a failure half-way. */
export interface OpenedInput {
  name: string;
  /** Opens the lines; called once. */
  lines(): AsyncIterable<string> & { close(): void };
  /** Whether the input can be read twice (a regular file, not stdin or a pipe), to count its ids first. */
  countable: boolean;
  encoding: "utf8" | "utf16le";
  /** Closes an input whose lines were never opened. */
  discard(): void;
}

export async function openInputs(paths: string[], stdin: NodeJS.ReadableStream): Promise<OpenedInput[]> {
  const opened: OpenedInput[] = [];
  const handles: FileHandle[] = [];
  try {
    for (const path of paths) {
      if (path === "-") {
        opened.push({ name: "stdin", countable: false, encoding: "utf8", lines: () => linesOf(stdin), discard: () => undefined });
        continue;
      }
      const handle = await openFile(path, "--from-file");
      handles.push(handle);
      const countable = (await handle.stat()).isFile();
      // Only a regular file can be peeked at without losing what is read.
      const encoding = countable ? await encodingOf(handle, path) : "utf8";
      opened.push({
        name: path,
        countable,
        encoding,
        lines: () => linesOf(createReadStream("", { fd: handle, encoding, start: 0 })),
        discard: () => void handle.close().catch(() => undefined),
      });
    }
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close()));
    throw error;
  }
  return opened;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "there is no such file",
  ENOTDIR: "there is no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

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
    const why = (code && FILE_ERRORS[code]) ?? code ?? String(error);
    // The full path shows which folder a relative one was looked for in.
    throw new UsageError(`cannot read ${flag} ${path}: ${why}${isAbsolute(path) ? "" : ` (${resolve(path)})`}`);
  }
}

/**
 * The encoding of a file from its byte-order mark: UTF-16 little-endian is what spreadsheet
 * programs save as "Unicode text". A big-endian file is refused with the fix.
 */
async function encodingOf(handle: FileHandle, path: string): Promise<"utf8" | "utf16le"> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
  if (bytesRead === 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return "utf16le";
  if (bytesRead === 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    throw new UsageError(`--from-file ${path} is UTF-16 big-endian text; save it as UTF-8`);
  }
  return "utf8";
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
export async function countIds(inputs: OpenedInput[], signal: AbortSignal): Promise<number | undefined> {
  if (!inputs.every((input) => input.countable)) return undefined;
  let count = 0;
  for (const input of inputs) {
    const lines = linesOf(createReadStream(input.name, { encoding: input.encoding }));
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
  /** Whether the file is `fd` (stdout appending to it). */
  isFile(fd: number): boolean;
  /** Whether its last line was cut off (a crash mid-write). */
  endsMidLine(): boolean;
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
    isFile(fd) {
      try {
        const out = fstatSync(fd);
        return out.dev === dev && out.ino === ino;
      } catch {
        return false;
      }
    },
    endsMidLine: () => last !== undefined && last !== 0x0a,
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
      let number = 0;
      for await (const line of current) {
        if (signal.aborted) return;
        number += 1;
        // UTF-16 without a byte-order mark (or piped in) reads as text with a NUL in every other byte.
        if (line.includes("\u0000")) throw new Error(`line ${number} of ${input.name} holds NUL characters, as UTF-16 text read as UTF-8 does; save the ids as UTF-8 text`);
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
