import { describe, expect, it } from "vitest";
import { formatOf, mediaType, readBody } from "../src/index.js";

describe("readBody", () => {
  it("takes the message from JSON, XML, text and HTML", () => {
    expect(readBody("application/json", '{"message":"m1"}').message).toBe("m1");
    expect(readBody("application/problem+json", '{"title":"t1"}').message).toBe("t1");
    expect(readBody("application/xml", "<e><message>a &lt;b&gt; &#x41;</message></e>").message).toBe("a <b> A");
    expect(readBody("text/xml", "<e><error>only error</error></e>").message).toBe("only error");
    expect(readBody("text/plain", "  line one\n line two ").message).toBe("line one line two");
    expect(readBody("text/html", "<html><head><title> T </title></head></html>").message).toBe("T");
    expect(readBody("text/html", "<html><body><h1>Heading</h1></body></html>").message).toBe("Heading");
  });

  it("never throws on malformed or odd bodies", () => {
    expect(readBody("application/json", "{not json")).toMatchObject({ format: "json", malformedJson: true, message: undefined });
    expect(readBody("application/json", "")).toMatchObject({ format: "empty" });
    expect(readBody("application/xml", "<unclosed>").message).toBeUndefined();
    expect(readBody("application/json", "null").message).toBeUndefined();
  });

  it("bounds a long message to one log line", () => {
    expect(readBody("text/plain", "x".repeat(10_000)).message?.length).toBe(300);
  });

  it("sniffs bodies with no content type", () => {
    expect(formatOf("", '{"a":1}')).toBe("json");
    expect(formatOf("", "<!DOCTYPE html><html>")).toBe("html");
    expect(formatOf("", "<e/>")).toBe("xml");
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
  });
});
