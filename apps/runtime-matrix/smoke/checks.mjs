// The smoke checks every runtime runs, in plain JavaScript so that Node, Bun, Deno and the browser
// bundle load this same file unchanged. Each published package has a module in ./packages/ that
// says how to load it and which checks apply; this file runs them and reports one result per
// (package, module format, check). It imports nothing, so it stays runtime-neutral.

export const PAGE_CHAT_ID = "447441429009@c.us";
export const PAGE_SUCCESS_MESSAGE = "Operation completed successfully";
export const XML_400_MESSAGE = "Invalid chatId: expected <country code and number>@c.us";

/**
 * The checks of a presence client, given how to call its `subscribe` as `{ data } | { error }`.
 * Every error any check saw is kept in `seen`, for the token check that runs last. Retries are
 * off, so each failure is one request and the timeout check waits for one timeout.
 */
export function clientChecks(mod, subscriber) {
  const seen = [];
  const call = async (env, options, callOptions) => {
    const result = await subscriber(mod, { retry: { maxRetries: 0 }, ...options, instanceId: env.instanceId, accessToken: env.token })(PAGE_CHAT_ID, callOptions);
    if (result.error !== undefined) seen.push(result.error);
    return result;
  };
  const expectTyped = (error, Class, kind) => {
    if (!(error instanceof Class)) throw new Error(`expected ${Class.name}, got ${describe(error)}`);
    if (error.kind !== kind) throw new Error(`expected kind "${kind}", got "${error.kind}"`);
    if (!mod.isPresenceError(error)) throw new Error("isPresenceError() said false");
  };
  return {
    subscribe: async (env) => {
      const { data, error } = await call(env, { baseUrl: env.prismUrl });
      if (error) throw new Error(`expected success, got ${describe(error)}`);
      if (data?.message !== PAGE_SUCCESS_MESSAGE) throw new Error(`unexpected body ${JSON.stringify(data)}`);
      return data.message;
    },
    "header form": async (env) => {
      const { data, error } = await call(env, { baseUrl: env.prismUrl, credentialsIn: "header" });
      if (error) throw new Error(`expected success, got ${describe(error)}`);
      return data.message;
    },
    "401 typed": async (env) => {
      const { error } = await call(env, { baseUrl: env.prismUrl, headers: { Prefer: "code=401" } });
      expectTyped(error, mod.UnauthorizedError, "api");
      if (error.status !== 401) throw new Error(`expected status 401, got ${error.status}`);
      return `${error.name} ${error.status}`;
    },
    "XML body": async (env) => {
      const { error } = await call(env, { baseUrl: env.prismUrl, headers: { Prefer: "code=400", Accept: "application/xml" } });
      expectTyped(error, mod.PresenceApiError, "api");
      if (error.status !== 400 || error.serverMessage !== XML_400_MESSAGE) {
        throw new Error(`expected 400 "${XML_400_MESSAGE}", got ${error.status} ${JSON.stringify(error.serverMessage)}`);
      }
      return error.serverMessage;
    },
    timeout: async (env) => {
      const { error } = await call(env, { baseUrl: env.hangUrl, timeoutMs: env.timeoutMs });
      expectTyped(error, mod.PresenceTimeoutError, "timeout");
      return error.name;
    },
    abort: async (env) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), env.abortAfterMs);
      try {
        // The client's own timeout is far away, so only the signal can end this call.
        const { error } = await call(env, { baseUrl: env.hangUrl, timeoutMs: 60_000 }, { signal: controller.signal });
        expectTyped(error, mod.PresenceAbortError, "abort");
        if (error instanceof mod.PresenceTimeoutError) throw new Error("an abort came back as a timeout");
        return error.name;
      } finally {
        clearTimeout(timer);
      }
    },
    "no token": async (env) => {
      if (seen.length < 4) throw new Error(`only ${seen.length} errors were collected; the earlier checks did not run`);
      for (const error of seen) {
        const leak = tokenLeak(error, env.token);
        if (leak) throw new Error(`the token appears in ${error.name}'s ${leak}`);
      }
      return `${seen.length} errors clean`;
    },
  };
}

/** Where the token shows in an error (message, String, JSON, stack), or undefined. */
export function tokenLeak(error, token) {
  const spellings = [token, encodeURIComponent(token)];
  const views = {
    message: () => error?.message,
    String: () => String(error),
    JSON: () => JSON.stringify(error),
    stack: () => error?.stack,
  };
  for (const [view, read] of Object.entries(views)) {
    const text = String(read() ?? "");
    if (spellings.some((spelling) => text.includes(spelling))) return view;
  }
  return undefined;
}

function describe(value) {
  if (value instanceof Error) return `${value.name} (${value.kind ?? "no kind"}): ${value.message}`;
  return JSON.stringify(value);
}

/**
 * Runs every package's checks for each way the runtime can load it.
 * @param packages the modules from ./packages/
 * @param loaders `{ ESM: (pkg) => module, CJS?: (pkg) => module }`; absent formats are reported as not applicable
 * @returns rows `{ package, format, check, ok, detail }`; `check` "load" is the loading itself
 */
export async function runSmoke(packages, loaders, env) {
  const rows = [];
  const clean = (text) => String(text).split(env.token).join("[token]");
  for (const pkg of packages) {
    for (const [format, load] of Object.entries(loaders)) {
      let mod;
      try {
        mod = await load(pkg);
        const missing = pkg.exports.filter((name) => mod[name] === undefined);
        if (missing.length > 0) throw new Error(`missing exports: ${missing.join(", ")}`);
        rows.push({ package: pkg.name, format, check: "load", ok: true, detail: "" });
      } catch (error) {
        rows.push({ package: pkg.name, format, check: "load", ok: false, detail: clean(describe(error)) });
        continue;
      }
      for (const [check, run] of Object.entries(pkg.checks(mod))) {
        try {
          rows.push({ package: pkg.name, format, check, ok: true, detail: clean(await run(env)) });
        } catch (error) {
          rows.push({ package: pkg.name, format, check, ok: false, detail: clean(error instanceof Error ? error.message : describe(error)) });
        }
      }
    }
  }
  return rows;
}
