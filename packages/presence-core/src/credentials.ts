// Binds the client's credentials to the spec's security schemes: which query parameters and headers
// carry the instance id and the token for each operation. The spec names the schemes and, with
// `x-credential`, which option fills each; nothing here names a parameter.
import { PresenceValidationError } from "./errors.js";
import { SECURITY_SCHEMES, type OperationDescription } from "./api.js";
import { isHeaderValue } from "./headers.js";

/** Where the access token travels. */
export type CredentialsIn = "query" | "header";

export interface Credentials {
  instanceId: string;
  accessToken: string;
  credentialsIn: CredentialsIn;
  /** Whether the caller chose `credentialsIn`; when not, an operation that takes the token only elsewhere gets it there. */
  credentialsInGiven: boolean;
}

/** What one operation sends to authenticate. */
export interface SentCredentials {
  query: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * The credentials an operation sends: the first of its alternative security requirements that puts
 * the token where `credentialsIn` says. When the caller left `credentialsIn` at its default and the
 * operation takes the token only elsewhere (an operation-level `security`), its first requirement.
 * An operation without security sends none.
 */
export function credentialsFor(operationId: string, operation: OperationDescription, credentials: Credentials): SentCredentials {
  const sent: SentCredentials = { query: {}, headers: {} };
  if (operation.security.length === 0) return sent;
  const accepted = operation.security.find((schemes) => {
    const place = tokenPlace(schemes);
    return place === undefined || place === credentials.credentialsIn;
  });
  const requirement = accepted ?? (credentials.credentialsInGiven ? undefined : operation.security[0]);
  if (!requirement) {
    const places = [...new Set(operation.security.map(tokenPlace).filter((place) => place !== undefined))];
    throw new PresenceValidationError({
      field: "credentialsIn",
      problem: `"${credentials.credentialsIn}" is not accepted by ${operationId}, which takes the token in the ${places.join(" or ")}`,
      expected: `credentialsIn: "${places[0]}", or leave it unset so each operation gets the token where it takes it`,
    });
  }
  if (tokenPlace(requirement) === "header" && !isHeaderValue(credentials.accessToken)) {
    throw new PresenceValidationError({
      field: "accessToken",
      problem: `cannot travel in a header (it holds characters outside Latin-1), and ${operationId} takes it only in a header`,
      expected: "a token of Latin-1 characters",
    });
  }
  for (const key of requirement) {
    const scheme = SECURITY_SCHEMES[key];
    if (!scheme) continue;
    const value = scheme.credential === "instanceId" ? credentials.instanceId : credentials.accessToken;
    if (scheme.in === "query") sent.query[scheme.name] = value;
    else sent.headers[scheme.name.toLowerCase()] = value;
  }
  return sent;
}

/** Where a security requirement puts the token, if it carries one. */
function tokenPlace(schemes: readonly string[]): CredentialsIn | undefined {
  for (const key of schemes) {
    const scheme = SECURITY_SCHEMES[key];
    if (scheme?.credential === "accessToken") return scheme.in;
  }
  return undefined;
}
