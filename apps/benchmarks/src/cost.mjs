// Section 1: what one call costs. All contenders run in this one process, interleaved: each round
// is one tinybench run over every contender, and the order rotates from round to round so no
// contender always runs first or follows the same neighbour (odd rounds also reverse it). Rounds
// are short and many, so drifting machine load hits every contender alike. Figures are the medians
// over the rounds; the ratio to the floor is the median of the per-round ratios. (No forced GC
// between tasks: a full collection shrinks the young generation and then penalises whichever
// contender allocates most, which inflated every ratio in trials.)
import { Bench } from "tinybench";
import { median } from "./report.mjs";

/**
 * @param {{ key: string, name: string, call?: () => Promise<void>, unavailable?: string }[]} contenders
 * @param {{ rounds: number, timeMs: number, iterations: number, warmupMs: number, warmupIterations: number, maxTaskMs: number }} plan
 *   Each task runs until it has at least `iterations` samples and `timeMs` of them, and is cut
 *   after `maxTaskMs` (warm-up included) whatever happens.
 */
export async function measureCost(contenders, plan, log = () => undefined) {
  const runnable = contenders.filter((contender) => typeof contender.call === "function");
  // Every contender must produce the documented success before it is timed.
  for (const contender of runnable) await contender.call();

  const perRound = new Map(runnable.map((contender) => [contender.key, []]));
  for (let round = 0; round < plan.rounds; round += 1) {
    const rotated = runnable.map((_, index) => runnable[(index + round) % runnable.length]);
    const order = round % 2 === 1 ? rotated.reverse() : rotated;
    const bench = new Bench({
      name: `round ${round + 1}`,
      time: plan.timeMs,
      iterations: plan.iterations,
      warmup: true,
      warmupTime: plan.warmupMs,
      warmupIterations: plan.warmupIterations,
      timestampProvider: "hrtimeNow",
      throws: true,
    });
    const timers = [];
    for (const contender of order) {
      // A task-level cap: the controller is armed when the task starts (its warm-up), not when it is added.
      const controller = new AbortController();
      let timer;
      bench.add(contender.key, contender.call, {
        signal: controller.signal,
        beforeAll() {
          if (timer === undefined) {
            timer = setTimeout(() => controller.abort(new Error(`${contender.key}: cut at ${plan.maxTaskMs} ms`)), plan.maxTaskMs);
            timers.push(timer);
          }
        },
      });
    }
    await bench.run();
    for (const timer of timers) clearTimeout(timer);
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state === "errored") throw new Error(`${task.name} failed during the benchmark: ${result.error?.message}`);
      if (result.state !== "completed" && result.state !== "aborted-with-statistics") throw new Error(`${task.name}: no statistics (${result.state})`);
      perRound.get(task.name).push({
        meanMs: result.latency.mean,
        p99Ms: result.latency.p99,
        samples: result.latency.samplesCount,
        cut: result.state === "aborted-with-statistics",
      });
    }
    log(`  round ${round + 1}/${plan.rounds} done`);
  }

  const floor = perRound.get("floor");
  return contenders.map((contender) => {
    const rounds = perRound.get(contender.key);
    if (!rounds) return { ...contender, unavailable: contender.unavailable ?? "not run" };
    const meanMs = median(rounds.map((round) => round.meanMs));
    return {
      key: contender.key,
      name: contender.name,
      meanMs,
      p99Ms: median(rounds.map((round) => round.p99Ms)),
      opsPerSec: median(rounds.map((round) => 1000 / round.meanMs)),
      ratio: floor ? median(rounds.map((round, index) => round.meanMs / floor[index].meanMs)) : Number.NaN,
      samples: median(rounds.map((round) => round.samples)),
      roundMeansMs: rounds.map((round) => round.meanMs),
      cut: rounds.some((round) => round.cut),
    };
  });
}
