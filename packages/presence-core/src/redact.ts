// Keeps the access token out of everything a client exposes: error messages, URLs, bodies,
// stacks and log lines. Errors are built from redacted text only, so nothing downstream has to
// remember to redact.

export const REDACTED = "[REDACTED]";

/** Query/header names that carry the token, whatever the value (covers tokens we were not told about). */
const TOKEN_PARAMS = /([?&](?:access_token|access-token)=)[^&#\s"'<>]*/gi;

export type Redactor = (text: string) => string;

/**
 * Returns a function that replaces each secret, in every spelling it can take on the wire
 * (raw, percent-encoded, form-encoded), with `[REDACTED]`, and blanks any `access_token=` query value.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out.includes("access") ? out.replace(TOKEN_PARAMS, `$1${REDACTED}`) : out;
  };
}
