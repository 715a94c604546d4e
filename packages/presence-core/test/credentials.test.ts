// Which credentials an operation sends, from its security requirements and the client's choice.
import { describe, expect, it } from "vitest";
import { OPERATIONS, SECURITY_SCHEMES, credentialsFor, type Credentials, type OperationDescription } from "../src/index.js";
import { refusal } from "./refusal.js";

const subscribe = OPERATIONS["subscribeToPresence"]!;
const key = (credential: string, place: string) => Object.entries(SECURITY_SCHEMES).find(([, s]) => s.credential === credential && s.in === place)![0];
const nameOf = (credential: string, place: string) => SECURITY_SCHEMES[key(credential, place)]!.name;
/** An operation that overrides the spec's security: the token only in a header. */
const headerOnly: OperationDescription = { ...subscribe, security: [[key("instanceId", "query"), key("accessToken", "header")]] };
const client = (extra: Partial<Credentials> = {}): Credentials => ({ instanceId: "inst", accessToken: "tok-0123456789", credentialsIn: "query", credentialsInGiven: false, ...extra });


describe("credentialsFor", () => {
  it("puts the token where credentialsIn says when the operation takes it there", () => {
    expect(credentialsFor("op", subscribe, client())).toEqual({ query: { [nameOf("instanceId", "query")]: "inst", [nameOf("accessToken", "query")]: "tok-0123456789" }, headers: {} });
    expect(credentialsFor("op", subscribe, client({ credentialsIn: "header", credentialsInGiven: true })).headers).toEqual({ [nameOf("accessToken", "header").toLowerCase()]: "tok-0123456789" });
  });

  it("sends the token in a header to an operation that takes it only there, when credentialsIn was left unset", () => {
    const sent = credentialsFor("op", headerOnly, client());
    expect(sent.query).toEqual({ [nameOf("instanceId", "query")]: "inst" });
    expect(sent.headers).toEqual({ [nameOf("accessToken", "header").toLowerCase()]: "tok-0123456789" });
  });

  it("refuses an explicit credentialsIn the operation does not take, naming the place it does", () => {
    const error = refusal(() => credentialsFor("getThing", headerOnly, client({ credentialsInGiven: true })));
    expect(error.field).toBe("credentialsIn");
    expect(error.message).toContain('"query" is not accepted by getThing, which takes the token in the header');
    expect(error.message).toContain('credentialsIn: "header"');
  });

  it("refuses a token outside Latin-1 for an operation that takes it only in a header, without echoing it", () => {
    const error = refusal(() => credentialsFor("getThing", headerOnly, client({ accessToken: "tök€n-0123456789" })));
    expect(error.field).toBe("accessToken");
    expect(error.message).toContain("takes it only in a header");
    expect(error.message).not.toContain("tök€n");
  });

  it("sends nothing for an operation without security", () => {
    expect(credentialsFor("op", { ...subscribe, security: [] }, client())).toEqual({ query: {}, headers: {} });
  });
});
