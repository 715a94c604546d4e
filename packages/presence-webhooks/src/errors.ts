// Every error the package throws on purpose. Verification throws only WebhookSignatureError and
// WebhookPayloadError; anything else escaping verifyAndParse is a bug. No message is ever built
// from a header value or the secret, so none can leak them.

/** The base class: `instanceof WebhookError` catches everything this package throws on purpose. */
export class WebhookError extends Error {
  override name = "WebhookError";
}

/** The signature is missing, malformed or wrong. The request must be rejected (HTTP 401). */
export class WebhookSignatureError extends WebhookError {
  override name = "WebhookSignatureError";
}

/**
 * The body is not a valid `presence.update` event: not UTF-8, not JSON, or not what the spec's
 * schema allows (HTTP 400). `field` names the offending field as a dotted path
 * (`payload.chatId`); it is undefined when the body as a whole is the problem.
 */
export class WebhookPayloadError extends WebhookError {
  override name = "WebhookPayloadError";
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/**
 * One or more of your `on()` handlers threw or rejected (HTTP 500, so the sender retries).
 * `errors` holds what each failing handler threw; `eventId` is the event they were handling.
 */
export class WebhookHandlerError extends WebhookError {
  override name = "WebhookHandlerError";
  readonly errors: readonly unknown[];
  readonly eventId: string;

  constructor(eventId: string, errors: readonly unknown[], handlers: number) {
    super(`${errors.length} of ${handlers} presence.update handler(s) failed for event ${eventId}; see \`errors\`.`, { cause: errors[0] });
    this.errors = errors;
    this.eventId = eventId;
  }
}
