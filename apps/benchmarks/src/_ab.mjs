import { cannedFetch, loadSdk, makeContenders } from "./contenders.mjs";
const { sdk } = await loadSdk();
const keys = (process.argv[2] ?? "floor,presence-client").split(",");
const cs = makeContenders({ baseUrl: "https://api.wawp.net", fetch: cannedFetch, mode: "canned", sdk }).filter((c) => keys.includes(c.key));
const res = Object.fromEntries(cs.map((c) => [c.key, []]));
for (const c of cs) for (let i = 0; i < 20000; i++) await c.call();
for (let r = 0; r < 21; r++) for (const c of (r % 2 ? cs : [...cs].reverse())) {
  const n = 4000; const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await c.call();
  res[c.key].push(Number(process.hrtime.bigint() - t) / n / 1000);
}
const med = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const f = med(res.floor);
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(18), med(v).toFixed(2), "µs", (med(v) / f).toFixed(3) + "×", "ratio-median", med(v.map((x, i) => x / res.floor[i])).toFixed(3));
