// The CLI's help text. Kept apart so `--help` loads nothing else.
export const USAGE = `Subscribe to WhatsApp contacts' presence through the WAWP API.

Usage:
  pnpm --silent cli subscribe <chatId>... [options]
  wawp-presence subscribe <chatId>... [options]
  pnpm --silent cli simulate-events --to URL --secret S [...]   send signed test webhooks (see simulate-events --help)

A chatId is a contact id: <country code and number, digits only>@c.us,
for example 447441429009@c.us (%40 is accepted for @).

Options:
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
  --json                  print one JSON object per chatId: {"chatId","ok","status","message"}
  -h, --help              show this help

Exit codes:
  0  every chatId subscribed
  1  an API or network failure for at least one chatId
  2  bad usage or invalid input; nothing was sent
`;
