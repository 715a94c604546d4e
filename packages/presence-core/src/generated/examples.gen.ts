/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-core/scripts/generate.mjs
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
/** Per operationId, per status, per content type: the spec's example as the body text a server sends. */
export const EXAMPLES = {
  "subscribeToPresence": {
    200: {
      "application/json": "{\"success\":true,\"message\":\"Operation completed successfully\"}"
    },
    400: {
      "application/json": "{\"status\":400,\"message\":\"Invalid chatId: expected <country code and number>@c.us\",\"error\":\"Bad Request\"}",
      "application/xml": "<error><status>400</status><message>Invalid chatId: expected &lt;country code and number&gt;@c.us</message><error>Bad Request</error></error>",
      "text/plain": "Invalid chatId: expected <country code and number>@c.us"
    },
    401: {
      "application/json": "{\"status\":401,\"message\":\"Invalid or missing access token\",\"error\":\"Unauthorized\"}",
      "application/xml": "<error><status>401</status><message>Invalid or missing access token</message><error>Unauthorized</error></error>"
    },
    404: {
      "application/json": "{\"status\":404,\"message\":\"Session does not exist\",\"error\":\"Not Found\"}",
      "application/xml": "<error><status>404</status><message>Session does not exist</message><error>Not Found</error></error>"
    },
    500: {
      "application/json": "{\"status\":500,\"message\":\"An unexpected error occurred\",\"error\":\"Internal Server Error\"}",
      "text/html": "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>An unexpected error occurred</p></body></html>"
    },
    502: {
      "application/json": "{\"status\":502,\"message\":\"Connection to upstream failed\",\"error\":\"Bad Gateway\"}",
      "application/xml": "<error><status>502</status><message>Connection to upstream failed</message><error>Bad Gateway</error></error>"
    }
  }
} as const;
