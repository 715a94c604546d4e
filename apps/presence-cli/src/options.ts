// Command-line options through node:util's parseArgs, with the two things it gets wrong for a person
// typing them: `--port -1` is refused as "ambiguous" (a value that starts with "-" looks like an
// option) instead of reaching the range check, and an unknown option's message ends in a quote it
// never closes and suggests nothing. Shared by wawp-presence's commands and the board
// (`@wawp/presence-cli/options`).
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>>;

/**
 * parseArgs in strict mode. Throws an Error whose message names the problem (never a value, so it
 * is safe to print) without a final period, for the caller to add how to get help.
 */
export function parseOptions<const O extends Options>(args: string[], options: O, allowPositionals: boolean): Parsed<O> {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown === undefined) throw new Error(message.replace(/\.+$/, ""));
    const known = Object.keys(options).map((name) => `--${name}`);
    const meant = likelyMeant(unknown, known);
    throw new Error(`Unknown option '${unknown}'${meant ? ` (did you mean '${meant}'?)` : ""}`);
  }
}

/** `--port -1` as `--port=-1`, for options that take a value: a number, never another option. */
function joinNegativeValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    const next = args[i + 1];
    const takesValue = arg.startsWith("--") && options[arg.slice(2)]?.type === "string";
    if (takesValue && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else joined.push(arg);
  }
  return joined;
}

/** A known option that a slip of the keyboard could have turned into `given`: the same letters in another order, or the same first three. */
function likelyMeant(given: string, known: string[]): string | undefined {
  const name = given.replace(/^-+/, "").split("=")[0]!.toLowerCase();
  if (name.length < 3) return undefined;
  const letters = (word: string): string => [...word].sort().join("");
  return known.find((option) => letters(option.slice(2)) === letters(name)) ?? known.find((option) => option.slice(2, 5) === name.slice(0, 3));
}
