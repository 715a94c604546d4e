// The webhook receiver the board uses, in one place so its source can change without touching the rest.
export { sign, Webhooks, type PresenceUpdate } from "@wawp/presence-webhooks";
export { createNodeMiddleware, nodeHmac } from "@wawp/presence-webhooks/node";
