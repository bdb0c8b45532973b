/**
 * Live output from a real tslab kernel started as the runner starts it (KernelClient: kernel-guard and
 * tslab-zmq-patch preloaded). Two properties of the patch, each able to fail:
 * - a progress line ticked inside a SYNCHRONOUS loop updates while the loop runs: its update_display_data
 *   messages arrive before the loop ends (a patch that queues every send behind a promise delivers them
 *   all only after the cell returns), and the stored result is one display, not a wall of lines;
 * - nothing is lost or reordered: 20,000 lines printed in one synchronous loop all arrive, in order
 *   (unpatched tslab 1.0.22 + zeromq 6 keeps about 500 of them: EBUSY after the 513th send).
 * The kernel and this test share the machine's clock, so the cell's Date.now() at the end of its loop can be
 * compared with the arrival times recorded here.
 */
import * as path from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { KernelClient, type JupyterMessage } from "../../tools/lib/kernel-client";
import { joinSource, OutputCollector, type NotebookCell } from "../../tools/lib/notebook";

const root = path.resolve(__dirname, "..", "..", "..");
let kernel: KernelClient | undefined;

before(async () => {
  kernel = await KernelClient.start({ cwd: root, startupTimeoutMs: 60_000, env: { EMERGENCE_LAB_ZMQ_PATCH: "1" } });
});

after(async () => {
  await kernel?.shutdown();
});

interface Arrival {
  at: number;
  msg: JupyterMessage;
}

/** Runs one cell; returns every output message with its arrival time (Date.now()) and the collected outputs. */
async function run(code: string, timeoutMs: number): Promise<{ arrivals: Arrival[]; cell: NotebookCell }> {
  const arrivals: Arrival[] = [];
  const cell: NotebookCell = { cell_type: "code", source: code, metadata: {}, outputs: [], execution_count: null } as NotebookCell;
  const collector = new OutputCollector();
  const outcome = await kernel!.execute(code, {
    timeoutMs,
    onIopub: (msg) => {
      arrivals.push({ at: Date.now(), msg });
      collector.apply(cell, { msg_type: msg.header.msg_type, content: msg.content });
    },
  });
  assert.equal(outcome.kind, "reply", `cell did not complete: ${JSON.stringify(outcome)}\n${kernel!.stderrTail()}`);
  assert.equal(outcome.kind === "reply" && outcome.status, "ok", `cell failed: ${JSON.stringify(arrivals.map((a) => a.msg.content))}`);
  return { arrivals, cell };
}

test("a progress line ticked in a synchronous 1.5 s loop updates live and ends as one display", { timeout: 60_000 }, async () => {
  const LOOP_MS = 1500;
  const { arrivals, cell } = await run(
    [
      `import { progress } from "emergence-lab";`,
      `const bar = progress({ label: "live", total: ${LOOP_MS} });`,
      `const loopStart = Date.now();`,
      `for (let i = 1; i <= ${LOOP_MS}; i++) { while (Date.now() < loopStart + i) { /* busy */ } bar.tick(); }`,
      `bar.done();`,
      `console.log("loop end " + Date.now());`,
    ].join("\n"),
    30_000,
  );
  const endMsg = arrivals.find((a) => a.msg.header.msg_type === "stream" && /loop end \d+/.test(String(a.msg.content.text)));
  assert.ok(endMsg, "the cell's last line did not arrive");
  const loopEnd = Number(/loop end (\d+)/.exec(String(endMsg.msg.content.text))![1]);
  const updates = arrivals.filter((a) => a.msg.header.msg_type === "update_display_data");
  // Throttled to one refresh per 100 ms, a 1.5 s loop refreshes ~14 times, ~11 of them more than 300 ms before
  // its end. Asking for 5 leaves room for a loaded machine; delivery after the loop gives 0.
  const early = updates.filter((a) => a.at <= loopEnd - 300);
  assert.ok(
    early.length >= 5,
    `only ${early.length} of ${updates.length} progress updates arrived >= 300 ms before the loop ended; ` +
      `arrival relative to the loop's end (ms): ${updates.map((a) => a.at - loopEnd).join(", ")}`,
  );
  // What is stored: one display (the final state) and the printed line, no wall of progress text.
  const outputs = cell.outputs ?? [];
  const displays = outputs.filter((o) => o.output_type === "display_data");
  assert.equal(displays.length, 1, `expected one display output, got ${JSON.stringify(outputs)}`);
  const text = joinSource((displays[0] as { data: Record<string, string | string[]> }).data["text/plain"]);
  assert.match(text, new RegExp(`^live: ${LOOP_MS}/${LOOP_MS} \\(100%\\) .*, done$`));
  const printed = outputs.filter((o) => o.output_type === "stream").map((o) => joinSource((o as { text: string | string[] }).text));
  assert.deepEqual(printed.map((t) => t.replace(/\d+/, "N")), ["loop end N\n"]);
});

test("20,000 lines printed in one synchronous loop all arrive, in order", { timeout: 60_000 }, async () => {
  const LINES = 20_000;
  const { arrivals } = await run(`for (let i = 0; i < ${LINES}; i++) console.log("line " + i);`, 50_000);
  const text = arrivals
    .filter((a) => a.msg.header.msg_type === "stream" && a.msg.content.name === "stdout")
    .map((a) => String(a.msg.content.text))
    .join("");
  const lines = text.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, LINES, `${LINES - lines.length} of ${LINES} lines lost`);
  const firstWrong = lines.findIndex((l, i) => l !== `line ${i}`);
  assert.equal(firstWrong, -1, `line ${firstWrong} is "${lines[firstWrong]}"`);
});
