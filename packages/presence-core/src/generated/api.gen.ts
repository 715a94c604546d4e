/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
 * Generator: packages/presence-core/scripts/generate.mjs
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
/** The API as the spec describes it: one entry per operation, keyed by operationId. */
export const API = {
  "version": "1.0.0",
  "servers": [
    "https://api.wawp.net"
  ],
  "securitySchemes": {
    "instanceId": {
      "in": "query",
      "name": "instance_id",
      "credential": "instanceId"
    },
    "accessToken": {
      "in": "query",
      "name": "access_token",
      "credential": "accessToken"
    },
    "accessTokenHeader": {
      "in": "header",
      "name": "access-token",
      "credential": "accessToken"
    }
  },
  "operations": {
    "subscribeToPresence": {
      "method": "post",
      "path": "/v2/presence/{chatId}/subscribe",
      "idempotent": true,
      "parameters": [
        {
          "name": "chatId",
          "key": "chatId",
          "in": "path",
          "required": true,
          "type": "string",
          "pattern": "^[1-9][0-9]{6,14}@c\\.us$",
          "example": "447441429009@c.us"
        }
      ],
      "security": [
        [
          "instanceId",
          "accessToken"
        ],
        [
          "instanceId",
          "accessTokenHeader"
        ]
      ],
      "responses": {
        200: [
          "application/json"
        ],
        400: [
          "application/json",
          "application/xml",
          "text/plain"
        ],
        401: [
          "application/json",
          "application/xml"
        ],
        404: [
          "application/json",
          "application/xml"
        ],
        500: [
          "application/json",
          "text/html"
        ],
        502: [
          "application/json",
          "application/xml"
        ]
      },
      "successBodies": {
        200: {
          "type": "object",
          "required": {
            "success": "boolean",
            "message": "string"
          },
          "flag": "success"
        }
      }
    }
  }
} as const;

/** Every operationId in the spec. */
export type OperationId = keyof typeof API.operations;
