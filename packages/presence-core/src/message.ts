// INTERIM (replaced by the hostile-input work): the server's human message from an error body.
export type BodyFormat = "json" | "xml" | "html" | "text" | "empty";

export function formatOf(type: string, text: string): BodyFormat {
  if (text.length === 0) return "empty";
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  const start = text.trimStart()[0];
  if (type === "" || type === "application/octet-stream") {
    if (start === "{" || start === "[") return "json";
    if (start === "<") return /<html[\s>]|<!doctype html/i.test(text.slice(0, 512)) ? "html" : "xml";
  }
  return "text";
}

export function messageFromBody(format: BodyFormat, text: string): string | undefined {
  switch (format) {
    case "json": {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (json === null || typeof json !== "object") return undefined;
      for (const key of ["message", "error", "detail", "title"]) {
        const value = (json as Record<string, unknown>)[key];
        if (typeof value === "string" && value.trim()) return flat(value);
      }
      return undefined;
    }
    case "xml":
      return element(text, "message") ?? element(text, "error");
    case "html":
      return element(text, "title") ?? element(text, "h1");
    case "text":
      return flat(text);
    case "empty":
      return undefined;
  }
}

function element(text: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "i").exec(text);
  if (match?.[1] === undefined) return undefined;
  const inner = match[1].replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return flat(inner);
}

function flat(text: string): string | undefined {
  const flattened = text.replace(/\s+/g, " ").trim();
  return flattened || undefined;
}
