// @wawp/presence-webhooks: sign an event, verify it, and deliver it through the Web-standard
// handler. The event is the spec's own `presence.update` example (env.webhookEvent, read from
// spec/openapi.yaml by the runner), so a change of the event's shape needs no edit here.
import { tokenLeak } from "../checks.mjs";

export const name = "@wawp/presence-webhooks";
export const exports = ["sign", "verifyAndParse", "Webhooks"];
export const importEsm = () => import("@wawp/presence-webhooks");

export function checks(mod) {
  const seen = [];
  const rawBody = (env) => JSON.stringify(env.webhookEvent);
  return {
    sign: async (env) => {
      const headers = await mod.sign(rawBody(env), env.webhookSecret);
      const names = [...new Headers(headers).keys()];
      if (names.length === 0) throw new Error("sign() returned no headers");
      return names.join(", ");
    },
    verify: async (env) => {
      const body = rawBody(env);
      const headers = await mod.sign(body, env.webhookSecret);
      const event = await mod.verifyAndParse(body, headers, { secret: env.webhookSecret });
      // The verified event is the envelope as sent, plus `presence` (its known type, or "unknown").
      const { presence, unknownType, ...envelope } = event;
      if (canonical(envelope) !== canonical(env.webhookEvent)) throw new Error(`verified event differs: ${JSON.stringify(event)}`);
      if (presence !== env.webhookEvent.payload.type || unknownType !== undefined) throw new Error(`presence is ${presence}, expected ${env.webhookEvent.payload.type}`);
      const tampered = body.replace(/}$/, ' }');
      const refused = await mod.verifyAndParse(tampered, headers, { secret: env.webhookSecret }).then(
        () => undefined,
        (error) => error,
      );
      if (refused === undefined) throw new Error("a tampered body was accepted");
      seen.push(refused);
      return "signed body accepted, tampered body refused";
    },
    handler: async (env) => {
      const body = rawBody(env);
      const webhooks = new mod.Webhooks({ secret: env.webhookSecret });
      const received = [];
      webhooks.on("presence.update", (event) => {
        received.push(event);
      });
      const request = (headers) => new Request("http://127.0.0.1/webhooks", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      const accepted = await webhooks.handler(request(await mod.sign(body, env.webhookSecret)));
      if (accepted.status < 200 || accepted.status > 299) throw new Error(`a signed event got ${accepted.status}`);
      const { presence: _presence, unknownType: _unknown, ...delivered } = received[0] ?? {};
      if (received.length !== 1 || canonical(delivered) !== canonical(env.webhookEvent)) {
        throw new Error(`the handler delivered ${received.length} events`);
      }
      const forged = await webhooks.handler(request(await mod.sign(body, `${env.webhookSecret}-wrong`)));
      if (forged.status < 400 || forged.status > 499) throw new Error(`a forged signature got ${forged.status}`);
      if (received.length !== 1) throw new Error("a forged event reached the listener");
      const text = await forged.text();
      if (text.includes(env.webhookSecret)) throw new Error("the refusal's body holds the secret");
      return `${accepted.status}, forged ${forged.status}`;
    },
    "no secret": async (env) => {
      if (seen.length === 0) throw new Error("no error was collected; the verify check did not run");
      for (const error of seen) {
        const leak = tokenLeak(error, env.webhookSecret);
        if (leak) throw new Error(`the secret appears in ${error.name}'s ${leak}`);
      }
      return `${seen.length} errors clean`;
    },
  };
}

/** JSON with sorted keys, so two equal events compare equal whatever their key order. */
function canonical(value) {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === "object" && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}
