/**
 * Benchmark of drawing skills from a measure: the alias sampler (Walker/Vose, O(1) per draw) next to
 * the uniform draw skillGraph uses (floor(u·n) from one 32-bit uniform), in draws per second, for
 * several numbers of skills; then skillGraph with uniform and Zipf(1) skills (i.i.d. and distinct).
 * Prints numbers only; timings on a shared machine are inflated by other load.
 */
import { performance } from "node:perf_hooks";
import { createRng } from "../src/random/rng";
import { aliasTable, drawAlias } from "../src/random/alias";
import { zipfMeasure } from "../src/graphs/measures";
import { skillGraph } from "../src/graphs/skillGraph";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Draws per second of `draw` over `count` draws, median of `runs` runs; returns a checksum too (keeps the loop alive). */
function rate(count: number, runs: number, make: () => () => number): { perSecond: number; checksum: number } {
  const times: number[] = [];
  let checksum = 0;
  for (let r = 0; r < runs; r++) {
    const draw = make();
    const t0 = performance.now();
    let acc = 0;
    for (let i = 0; i < count; i++) acc += draw();
    times.push(performance.now() - t0);
    checksum += acc;
  }
  return { perSecond: count / (median(times) / 1000), checksum };
}

export async function run(): Promise<void> {
  const count = 5_000_000;
  const runs = 5;
  console.log(`draws per second (median of ${runs} runs of ${count.toLocaleString("en-US")} draws):`);
  for (const n of [1000, 100_000, 10_000_000]) {
    const table = aliasTable(zipfMeasure({ n, exponent: 1 }));
    const uniform = rate(count, runs, () => {
      const rng = createRng(`bench-uniform-${n}`);
      const next = rng.next.bind(rng);
      return () => Math.floor(next() * n);
    });
    const alias = rate(count, runs, () => {
      const rng = createRng(`bench-alias-${n}`);
      return () => drawAlias(table, rng);
    });
    console.log(
      `  N_s = ${n.toLocaleString("en-US").padStart(10)}: uniform floor(u·n) ${(uniform.perSecond / 1e6).toFixed(1)} M/s, ` +
        `alias Zipf(1) ${(alias.perSecond / 1e6).toFixed(1)} M/s (ratio ${(alias.perSecond / uniform.perSecond).toFixed(2)})`,
    );
  }
  const skills = 10_000;
  const texts = 1_000_000;
  const k = 8;
  for (const [label, opts] of [
    ["uniform, distinct", {}],
    ["Zipf(1), i.i.d.", { skillMeasure: { family: "zipf" as const, exponent: 1 }, distinct: false }],
    ["Zipf(1), distinct (successive sampling)", { skillMeasure: { family: "zipf" as const, exponent: 1 } }],
  ] as const) {
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      skillGraph({ skills, texts, k, rng: `bench-graph-${r}`, ...opts });
      times.push(performance.now() - t0);
    }
    console.log(`skillGraph N_s=${skills} N_t=${texts} k=${k}, ${label}: median ${median(times).toFixed(0)} ms of 3 builds`);
  }
}
