// Binds the client's credentials to the spec's security schemes: which query parameters and headers
// carry the instance id and the token for each operation. The spec names the schemes and, with
// `x-credential`, which option fills each; nothing here names a parameter.
import { PresenceValidationError } from "./errors.js";
import { SECURITY_SCHEMES, type OperationDescription } from "./api.js";

/** Where the access token travels. */
export type CredentialsIn = "query" | "header";

export interface Credentials {
  instanceId: string;
  accessToken: string;
  credentialsIn: CredentialsIn;
}

/** What one operation sends to authenticate. */
export interface SentCredentials {
  query: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * The credentials an operation sends: the first of its alternative security requirements that puts
 * the token where the caller asked (`credentialsIn`). An operation without security sends none.
 */
export function credentialsFor(operationId: string, operation: OperationDescription, credentials: Credentials): SentCredentials {
  const sent: SentCredentials = { query: {}, headers: {} };
  if (operation.security.length === 0) return sent;
  const requirement = operation.security.find((schemes) =>
    schemes.every((key) => SECURITY_SCHEMES[key]?.credential !== "accessToken" || SECURITY_SCHEMES[key]?.in === credentials.credentialsIn),
  );
  if (!requirement) {
    const places = [...new Set(operation.security.flat().map((key) => SECURITY_SCHEMES[key]?.in))].join(" or ");
    throw new PresenceValidationError({
      field: "credentialsIn",
      problem: `"${credentials.credentialsIn}" is not accepted by ${operationId}`,
      expected: `the token in the ${places}`,
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

/** The carriers of the token that a client with `credentialsIn` must not send (the generated SDK fills every one). */
export function tokenCarriersOutside(credentialsIn: CredentialsIn): { query: ReadonlySet<string>; headers: ReadonlySet<string> } {
  const outside = Object.values(SECURITY_SCHEMES).filter((s) => s.credential === "accessToken" && s.in !== credentialsIn);
  return {
    query: new Set(outside.filter((s) => s.in === "query").map((s) => s.name)),
    headers: new Set(outside.filter((s) => s.in === "header").map((s) => s.name.toLowerCase())),
  };
}
