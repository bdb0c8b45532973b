/**
 * The kernel preload's fixes to tslab (tools/lib/tslab-patches.ts), in real tslab kernels started the way the
 * runner and the kernelspec start them: object shorthand `{ x }` for a variable of an earlier cell,
 * `debugger: false` in kernel_info_reply, and stream output sent in batches. Each is also checked with the fixes switched off
 * (EMERGENCE_LAB_TSLAB_PATCH=0), where tslab's own behaviour must show the defect: the test can fail.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { KernelClient } from "../../tools/lib/kernel-client";
import { PROJECT_ROOT } from "../../tools/lib/paths";
import { patchConverterSource, StreamBatcher, withDebuggerField } from "../../tools/lib/tslab-patches";

const converterFile = path.join(PROJECT_ROOT, "node_modules", "tslab", "dist", "converter.js");

test("the converter patch inserts one call into tslab's identifier visitor and keeps the module valid JavaScript", () => {
  const source = fs.readFileSync(converterFile, "utf8");
  const patched = patchConverterSource(source, "/some/helper.js");
  assert.ok(patched, "tslab's converter has the expected shape");
  assert.equal(patched.split("rewriteShorthand(").length - 1, 1);
  assert.equal(patched.length - source.length > 0, true);
  // It still compiles as a CommonJS module body.
  assert.doesNotThrow(() => new vm.Script(`(function (exports, require, module, __filename, __dirname) {${patched}\n})`));
  // Another shape: left alone.
  assert.equal(patchConverterSource(source.replace("function wrapPrevIdentifier(node) {", "function wrapPrev(node) {"), "/x.js"), null);
});

test("withDebuggerField adds debugger: false and keeps an explicit answer", () => {
  assert.deepEqual(withDebuggerField({ implementation: "tslab" }), { implementation: "tslab", debugger: false });
  assert.deepEqual(withDebuggerField({ debugger: true }), { debugger: true });
});

// Cells for the real kernels: shorthand of a const, a let, an import, a destructuring assignment with a
// default, and a local that shadows an earlier cell's name.
const CELL_1 = `const x = 5;
let z = 0;
import { join } from "path";
function twice(o: { x: number }): number { return o.x * 2; }`;
const CELL_2 = `console.log(twice({ x }));
console.log(JSON.stringify({ x, z }));
console.log(typeof { join }.join);
({ z = 7 } = {} as { z?: number });
console.log(z);
{ const x = 100; console.log(JSON.stringify({ x })); }`;
const CELL_3 = `console.log(z);`;
const CELL_4 = `for (let i = 0; i < 20000; i++) console.log(i);
console.error("done");`;

const kernels: KernelClient[] = [];
after(async () => {
  await Promise.all(kernels.map((k) => k.shutdown()));
});

interface CellResult {
  status: string;
  stdout: string;
  stderr: string;
  /** The stream messages, in order of arrival: [name, text]. */
  streams: Array<[string, string]>;
}

async function runCells(env: NodeJS.ProcessEnv): Promise<{ kernel: KernelClient; results: CellResult[] }> {
  const kernel = await KernelClient.start({ cwd: PROJECT_ROOT, startupTimeoutMs: 60_000, env });
  kernels.push(kernel);
  const results = [];
  for (const code of [CELL_1, CELL_2, CELL_3, CELL_4]) {
    let stdout = "";
    let stderr = "";
    const streams: Array<[string, string]> = [];
    const outcome = await kernel.execute(code, {
      timeoutMs: 60_000,
      onIopub: (msg) => {
        if (msg.header.msg_type !== "stream") return;
        streams.push([String(msg.content.name), String(msg.content.text)]);
        if (msg.content.name === "stdout") stdout += String(msg.content.text);
        else stderr += String(msg.content.text);
      },
    });
    results.push({ status: outcome.kind === "reply" ? outcome.status : outcome.kind, stdout, stderr, streams });
    // After an error tslab aborts the requests of the next 200 ms.
    if (outcome.kind === "reply" && outcome.status === "error") await new Promise((r) => setTimeout(r, 400));
  }
  return { kernel, results };
}

const patched = runCells({});
const unpatched = runCells({ EMERGENCE_LAB_TSLAB_PATCH: "0" });

test("object shorthand for variables of earlier cells works in a real kernel", { timeout: 120_000 }, async () => {
  const { results } = await patched;
  assert.deepEqual(results.map((r) => r.status), ["ok", "ok", "ok", "ok"], JSON.stringify(results));
  // twice({x: 5}) = 10; {x, z} = {"x":5,"z":0}; join is a function; z defaults to 7 and keeps it in the next
  // cell; the inner block's x (100) shadows the earlier cell's.
  assert.equal(results[1].stdout, '10\n{"x":5,"z":0}\nfunction\n7\n{"x":100}\n');
  assert.equal(results[2].stdout, "7\n");
});

test("without the fix, tslab fails on the same shorthand (x is not defined)", { timeout: 120_000 }, async () => {
  const { results } = await unpatched;
  assert.equal(results[0].status, "ok");
  assert.equal(results[1].status, "error");
  assert.match(results[1].stderr, /ReferenceError: x is not defined/);
});

test("kernel_info_reply says debugger: false (tslab alone leaves the field out)", { timeout: 120_000 }, async () => {
  const [{ kernel: withFix }, { kernel: without }] = await Promise.all([patched, unpatched]);
  assert.equal(withFix.kernelInfo.implementation, "tslab");
  assert.equal(withFix.kernelInfo.debugger, false);
  assert.equal(without.kernelInfo.implementation, "tslab");
  assert.equal("debugger" in without.kernelInfo, false);
});

test("stream output is sent in batches, complete and in order (tslab alone sends one message per write)", { timeout: 120_000 }, async () => {
  const expected = Array.from({ length: 20000 }, (_, i) => `${i}\n`).join("");
  const [{ results: batched }, { results: plain }] = await Promise.all([patched, unpatched]);
  for (const r of [batched[3], plain[3]]) {
    assert.equal(r.status, "ok");
    assert.equal(r.stdout, expected);
    // stderr's "done" comes after all of stdout.
    assert.deepEqual(r.streams[r.streams.length - 1], ["stderr", "done\n"]);
  }
  assert.equal(plain[3].streams.length, 20001, "tslab alone: one message per console.log");
  assert.ok(batched[3].streams.length <= 20, `batched: ${batched[3].streams.length} messages`);
});

test("StreamBatcher: merges writes of one stream, flushes at the size and age limits, when scheduled, and in order", () => {
  let now = 0;
  const scheduled: Array<() => void> = [];
  const b = new StreamBatcher({ maxChars: 10, maxDelayMs: 50, now: () => now, schedule: (f) => scheduled.push(f), maxCharsPerSecond: 1e9 });
  const sent: string[] = [];
  const cellA = (name: string, text: string): void => void sent.push(`A ${name} ${JSON.stringify(text)}`);
  const cellB = (name: string, text: string): void => void sent.push(`B ${name} ${JSON.stringify(text)}`);
  b.write("stdout", cellA, "ab");
  b.write("stdout", cellA, "c");
  b.write("stderr", cellA, "E");
  b.write("stdout", cellB, "d");
  assert.equal(sent.length, 0, "nothing sent before a limit or the scheduled flush");
  assert.equal(scheduled.length, 1, "one flush scheduled");
  scheduled[0]();
  assert.deepEqual(sent, ['A stdout "abc"', 'A stderr "E"', 'B stdout "d"']);
  sent.length = 0;
  b.write("stdout", cellA, "0123456789"); // reaches maxChars
  assert.deepEqual(sent, ['A stdout "0123456789"']);
  sent.length = 0;
  b.write("stdout", cellA, "x");
  now = 50;
  b.write("stdout", cellA, "y"); // the first write is 50 ms old
  assert.deepEqual(sent, ['A stdout "xy"']);
  sent.length = 0;
  // A flush from inside a send (the zeromq patch flushes before every send) does nothing.
  const reentrant = new StreamBatcher({ maxChars: 1, maxDelayMs: 50, now: () => 0, schedule: () => undefined, maxCharsPerSecond: 1e9 });
  const inner = (name: string, text: string): void => {
    sent.push(text);
    reentrant.flush();
  };
  reentrant.write("stdout", inner, "p");
  reentrant.write("stdout", inner, "q");
  assert.deepEqual(sent, ["p", "q"]);
});

test("StreamBatcher: a huge write goes out in pieces; past its burst, output is held to the rate by sleeping", () => {
  let now = 0;
  const sleeps: number[] = [];
  const b = new StreamBatcher({
    maxChars: 100,
    maxDelayMs: 1e9,
    maxCharsPerSecond: 1000,
    now: () => now,
    schedule: () => undefined,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  const pieces: number[] = [];
  b.write("stdout", (_, text) => void pieces.push(text.length), "y".repeat(1050));
  b.flush();
  assert.deepEqual(pieces, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
  // 1000 characters of burst, then 50 more at 1000/s: one wait of 50 ms.
  assert.deepEqual(sleeps, [50]);
  // Sustained: 10 flushes of 100 characters at the same instant wait 100 ms each.
  sleeps.length = 0;
  for (let i = 0; i < 10; i++) b.write("stdout", () => undefined, "z".repeat(100));
  assert.deepEqual(sleeps, Array(10).fill(100));
  // After a quiet second the burst is back.
  now += 1000;
  sleeps.length = 0;
  b.write("stdout", () => undefined, "w".repeat(100));
  assert.deepEqual(sleeps, []);
});
