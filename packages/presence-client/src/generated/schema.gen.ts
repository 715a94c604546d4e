/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 db17ebda187a)
 * Generator: openapi-typescript 7.13.0
 * Regenerate with `pnpm generate` from the repository root; hand edits are overwritten.
 */
export interface paths {
    "/v2/presence/{chatId}/subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe to a contact's presence
         * @description Starts real-time presence updates (online/offline, typing, recording) for one contact.
         *     The updates arrive later as `presence.update` webhook events.
         *
         *     The endpoint page contradicts itself: besides its request sample it says "No query
         *     parameters required", lists a JSON request body holding `instance_id`, `access_token`
         *     and `chatId`, and repeats `chatId` as a query parameter in its URL template. This spec
         *     follows the request sample, which is the most concrete form: the credentials travel as
         *     query parameters, `chatId` travels in the path, and there is no request body.
         */
        post: operations["subscribeToPresence"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The body of a successful subscription. */
        SubscribeResponse: {
            /**
             * @description Whether the subscription was set up.
             * @example true
             */
            success: boolean;
            /**
             * @description A human-readable outcome.
             * @example Operation completed successfully
             */
            message: string;
        };
        /**
         * @description The JSON error body, as the vendor's OpenAPI export defines it. The export marks no
         *     field as required, so none is required here.
         */
        ErrorResponse: {
            /**
             * @description The HTTP status, repeated in the body.
             * @example 404
             */
            status?: number;
            /**
             * @description What went wrong, for a person.
             * @example Session does not exist
             */
            message?: string;
            /**
             * @description The status's reason phrase or an error code.
             * @example Not Found
             */
            error?: string;
        };
        /** @description A non-JSON error body (XML, plain text or HTML), kept as the raw text. */
        ErrorText: string;
    };
    responses: never;
    parameters: {
        /**
         * @description The contact to watch: the international phone number with country code, digits only
         *     (no `+`, spaces or dashes, at most 15 digits as in E.164), followed by `@c.us`.
         *     The `@` may be sent raw or escaped as `%40`; both name the same contact.
         * @example 447441429009@c.us
         */
        ChatId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    subscribeToPresence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The contact to watch: the international phone number with country code, digits only
                 *     (no `+`, spaces or dashes, at most 15 digits as in E.164), followed by `@c.us`.
                 *     The `@` may be sent raw or escaped as `%40`; both name the same contact.
                 * @example 447441429009@c.us
                 */
                chatId: components["parameters"]["ChatId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request completed successfully; the subscription is active. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "success": true,
                     *       "message": "Operation completed successfully"
                     *     }
                     */
                    "application/json": components["schemas"]["SubscribeResponse"];
                };
            };
            /** @description Bad request. A required parameter is missing or malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 400,
                     *       "message": "Invalid chatId: expected <country code and number>@c.us",
                     *       "error": "Bad Request"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                    /** @example <error><status>400</status><message>Invalid chatId: expected &lt;country code and number&gt;@c.us</message><error>Bad Request</error></error> */
                    "application/xml": components["schemas"]["ErrorText"];
                    /** @example Invalid chatId: expected <country code and number>@c.us */
                    "text/plain": components["schemas"]["ErrorText"];
                };
            };
            /** @description Unauthorized. The access token is invalid or missing. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 401,
                     *       "message": "Invalid or missing access token",
                     *       "error": "Unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                    /** @example <error><status>401</status><message>Invalid or missing access token</message><error>Unauthorized</error></error> */
                    "application/xml": components["schemas"]["ErrorText"];
                };
            };
            /** @description Not found. The session (instance) does not exist, for example after it was deleted. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 404,
                     *       "message": "Session does not exist",
                     *       "error": "Not Found"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                    /** @example <error><status>404</status><message>Session does not exist</message><error>Not Found</error></error> */
                    "application/xml": components["schemas"]["ErrorText"];
                };
            };
            /** @description Internal server error. An unexpected failure on the server. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 500,
                     *       "message": "An unexpected error occurred",
                     *       "error": "Internal Server Error"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                    /** @example <!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>An unexpected error occurred</p></body></html> */
                    "text/html": components["schemas"]["ErrorText"];
                };
            };
            /** @description Bad gateway. The connection to the upstream WhatsApp session failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": 502,
                     *       "message": "Connection to upstream failed",
                     *       "error": "Bad Gateway"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                    /** @example <error><status>502</status><message>Connection to upstream failed</message><error>Bad Gateway</error></error> */
                    "application/xml": components["schemas"]["ErrorText"];
                };
            };
        };
    };
}
