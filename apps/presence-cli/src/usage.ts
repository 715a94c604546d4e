// The CLI's help text. Kept apart so `--help` loads nothing else.
export const USAGE = `Subscribe to WhatsApp contacts' presence through the WAWP API.

Usage:
  wawp-presence subscribe <chatId>... [options]
  wawp-presence subscribe --from-file contacts.txt [options]
  wawp-presence simulate-events --to URL --secret S [options]
  wawp-presence --help | --version
  (in the repository: pnpm --silent cli subscribe ...)

Commands:
  subscribe               subscribe contacts; updates then arrive as presence.update webhooks
  simulate-events         send signed presence.update test webhooks to a receiver (simulate-events --help)

A chatId is a contact id: <country code and number, digits only>@c.us,
for example 447441429009@c.us (%40 is accepted for @).

subscribe options:
  --from-file PATH        read chatIds from a file, one per line (- reads stdin); blank lines
                          and # comments are skipped; may be mixed with chatId arguments;
                          UTF-8, or UTF-16 with a byte-order mark
  --resume RESULTS.jsonl  skip the chatIds an earlier --json run reported ok; pairs with >>:
                            wawp-presence subscribe --from-file ids.txt --json \\
                              --resume out.jsonl >> out.jsonl
  --concurrency N         requests in flight at once, 1-1024                    (default 8)
  --json                  print one JSON object per chatId: {"chatId","ok","status","message"}
  --base-url URL          API base URL            (env WAWP_BASE_URL, default https://api.wawp.net)
  --instance-id ID        WAWP instance id        (env WAWP_INSTANCE_ID, required)
  --access-token TOKEN    WAWP access token       (env WAWP_ACCESS_TOKEN, required; prefer the env var)
  --client fetch|sdk      which generated client to use: fetch = @wawp/presence-client
                          (openapi-typescript + openapi-fetch), sdk = @wawp/presence-sdk
                          (openapi-generator typescript-fetch)                 (default fetch)
  --credentials-in query|header
                          send the token as the access_token query parameter or the
                          access-token header                                  (default query)
  --timeout MS            time allowed per attempt, in milliseconds             (default 10000)
  --retries N             retries after a failed attempt (429, 502, 503, 504, network), 0 = off
                                                                                (default 2)
  -h, --help              show this help
  --version               print the version

Output: one line per chatId on stdout, in the order they finish. On stderr: a progress
line while it runs (only on a terminal) and a summary line at the end. A 429 or 503
with Retry-After pauses every request, not only the one that got it. Ctrl-C stops
sending and writes what finished; a second Ctrl-C quits at once.

Exit codes:
  0    every chatId subscribed (or skipped by --resume)
  1    at least one chatId failed: an API or network error, or an invalid id in a file
  2    bad usage, or an invalid chatId argument; nothing was sent
  130  interrupted by Ctrl-C
  70   pnpm cli only: building the CLI failed
`;
