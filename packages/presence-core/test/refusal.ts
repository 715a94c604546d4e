// The validation error a call throws, for tests that check what it says; a call that does not
// throw one fails the test.
import { expect } from "vitest";
import { PresenceValidationError } from "../src/index.js";

export function refusal(run: () => unknown, what = "the input"): PresenceValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof PresenceValidationError) return error;
    throw error;
  }
  return expect.unreachable(`${what} should have been refused`);
}
