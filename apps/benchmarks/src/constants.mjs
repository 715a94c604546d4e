// The one input and answer every contender shares.
export const CHAT_ID = "447441429009@c.us";
export const INSTANCE_ID = "bench-instance";
export const ACCESS_TOKEN = "bench-token";
export const SUBSCRIBE_PATH = "/v2/presence/{chatId}/subscribe";
export const OK_BODY = JSON.stringify({ success: true, message: "Operation completed successfully" });
