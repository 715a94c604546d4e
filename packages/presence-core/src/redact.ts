// INTERIM (replaced by the hostile-input work): keeps the access token out of everything a client exposes.
export const REDACTED = "[REDACTED]";

export interface Redactor {
  (text: string): string;
  /** Redacts, then cuts to `max` characters, then redacts a secret's prefix left at the cut. */
  cut(text: string, max: number): string;
  /** A plain record of the headers, names and values redacted, repeated values joined with ", ". */
  headers(headers: Headers): Record<string, string>;
}

export function createRedactor(secrets: ReadonlyArray<string | undefined>, carriers: { query?: readonly string[]; headers?: readonly string[] } = {}): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 8) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  const names = [...(carriers.query ?? []), ...(carriers.headers ?? [])].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const carrier = names.length ? new RegExp(`([?&](?:${names.join("|")})=)[^&#\\s"'<>]*`, "gi") : undefined;
  const redact = ((text: string): string => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return carrier ? out.replace(carrier, `$1${REDACTED}`) : out;
  }) as Redactor;
  redact.cut = (text, max) => {
    const clean = redact(text);
    return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
  };
  redact.headers = (headers) => {
    const record: Record<string, string> = {};
    headers.forEach((value, name) => {
      const key = redact(name);
      record[key] = record[key] === undefined ? redact(value) : `${record[key]}, ${redact(value)}`;
    });
    return record;
  };
  return redact;
}
