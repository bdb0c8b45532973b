/**
 * `npm run bench -- runner`: the notebook runner's own hot path, turning kernel stream messages
 * into nbformat outputs. A cell that prints line by line sends one message per line; merging must
 * stay linear (re-splitting the whole text per message took ~10 s for 20,000 lines).
 */
import { NotebookCell, OutputCollector } from "../tools/lib/notebook";

function mergeMs(lines: number): number {
  const c = new OutputCollector();
  const cell: NotebookCell = { cell_type: "code", source: "", metadata: {}, outputs: [], execution_count: null };
  const t0 = performance.now();
  for (let i = 0; i < lines; i++) c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: `line ${i}\n` } });
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  mergeMs(2_000); // warm-up
  const small = Math.min(...[0, 1, 2].map(() => mergeMs(2_000)));
  const large = Math.min(...[0, 1, 2].map(() => mergeMs(20_000)));
  console.log(`stream merging: 2,000 messages ${small.toFixed(1)} ms, 20,000 messages ${large.toFixed(1)} ms (best of 3)`);
  console.log(`  ratio ${(large / small).toFixed(1)} for 10x the messages (linear ≈ 10, quadratic ≈ 100)`);
}
