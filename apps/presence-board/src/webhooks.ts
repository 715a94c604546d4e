// The webhook receiver the board uses, in one place so its source can change without touching the rest.
export { PRESENCE_TYPES, sign, Webhooks, type PresenceType, type PresenceUpdate } from "./webhooks-placeholder.js";
