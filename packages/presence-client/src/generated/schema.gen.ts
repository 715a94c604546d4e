/**
 * GENERATED FILE, DO NOT EDIT.
 * Source: ../../spec/openapi.yaml (spec version 1.0.0, sha256 e34aca457888)
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
        /**
         * @description A `presence.update` webhook event: a subscribed contact started or stopped typing or
         *     recording, or went online or offline. From the vendor page
         *     https://api.wawp.net/en/docs/presence.update, whose example this is.
         *
         *     The page marks all eight fields as required. This schema requires the five a receiver
         *     cannot act without: `id` (the key for ignoring a redelivered event), `timestamp` (orders
         *     events, which can arrive out of order), `session` (which instance the event belongs
         *     to), `event` (tells this event from others sent to the same URL) and `payload`.
         *     `metadata`, `engine` and `me` are optional, as they are in WAHA, the engine WAWP runs
         *     on: an event without them is still a usable presence change, and rejecting it would
         *     only make WAWP retry it until it is dropped.
         * @example {
         *       "id": "evt_01...",
         *       "timestamp": 1634567890123,
         *       "session": "default",
         *       "metadata": {
         *         "user.id": "123",
         *         "user.email": "email@example.com"
         *       },
         *       "engine": "WEBJS",
         *       "event": "presence.update",
         *       "payload": {
         *         "chatId": "11111111111@c.us",
         *         "type": "composing",
         *         "from": "11111111111@c.us"
         *       },
         *       "me": {
         *         "id": "11111111111@c.us",
         *         "lid": "123@lid",
         *         "pushName": "Instance"
         *       }
         *     }
         */
        PresenceUpdateEvent: {
            /**
             * @description The event's id. A redelivered event keeps its id, so use it to ignore duplicates.
             * @example evt_01...
             */
            id: string;
            /**
             * @description When the event happened, in milliseconds since the Unix epoch.
             * @example 1634567890123
             */
            timestamp: number;
            /**
             * @description The WAWP instance (session) the event comes from.
             * @example default
             */
            session: string;
            /**
             * @description Key-value metadata configured for the session (string values in the page's example).
             * @example {
             *       "user.id": "123",
             *       "user.email": "email@example.com"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * @description The WhatsApp engine that runs the session, such as `WEBJS`.
             * @example WEBJS
             */
            engine?: string;
            /**
             * @description The event name; always `presence.update` for this event.
             * @example presence.update
             * @enum {string}
             */
            event: "presence.update";
            payload: components["schemas"]["PresenceUpdatePayload"];
            me?: components["schemas"]["WebhookMe"];
        };
        /**
         * @description What changed, and for whom. `chatId` and `type` are required: without them there is no
         *     presence change to act on. `from` is shown in the page's example but not described,
         *     so it is optional.
         * @example {
         *       "chatId": "11111111111@c.us",
         *       "type": "composing",
         *       "from": "11111111111@c.us"
         *     }
         */
        PresenceUpdatePayload: {
            /**
             * @description The chat the presence belongs to (`<number>@c.us` for a contact; `@g.us` for a group).
             * @example 11111111111@c.us
             */
            chatId: string;
            /**
             * @description The presence. The page documents five values: `composing` (typing), `recording`
             *     (recording a voice note), `paused` (stopped typing), `available` (online) and
             *     `unavailable` (offline). The set is open: another value is still a valid event, and
             *     receivers should keep it rather than reject it. The known values are listed in
             *     `x-extensible-enum`.
             * @example composing
             */
            type: string;
            /**
             * @description Who the presence is from; for a contact's chat, the contact itself.
             * @example 11111111111@c.us
             */
            from?: string;
        };
        /**
         * @description The WhatsApp account of the instance that received the event.
         * @example {
         *       "id": "11111111111@c.us",
         *       "lid": "123@lid",
         *       "pushName": "Instance"
         *     }
         */
        WebhookMe: {
            /**
             * @description The account's chat id.
             * @example 11111111111@c.us
             */
            id?: string;
            /**
             * @description The account's linked id (`@lid`).
             * @example 123@lid
             */
            lid?: string;
            /**
             * @description The account's display name.
             * @example Instance
             */
            pushName?: string;
        };
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
