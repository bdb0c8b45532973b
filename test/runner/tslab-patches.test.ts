/**
 * The kernel preload's fixes to tslab (tools/lib/tslab-patches.ts), in real tslab kernels started the way the
 * runner and the kernelspec start them: object shorthand `{ x }` for a variable of an earlier cell, and
 * `debugger: false` in kernel_info_reply. Each is also checked with the fixes switched off
 * (EMERGENCE_LAB_TSLAB_PATCH=0), where tslab's own behaviour must show the defect: the test can fail.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import { KernelClient } from "../../tools/lib/kernel-client";
import { PROJECT_ROOT } from "../../tools/lib/paths";
import { patchConverterSource, withDebuggerField } from "../../tools/lib/tslab-patches";

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

const kernels: KernelClient[] = [];
after(async () => {
  await Promise.all(kernels.map((k) => k.shutdown()));
});

async function runCells(env: NodeJS.ProcessEnv): Promise<{ kernel: KernelClient; results: Array<{ status: string; stdout: string; stderr: string }> }> {
  const kernel = await KernelClient.start({ cwd: PROJECT_ROOT, startupTimeoutMs: 60_000, env });
  kernels.push(kernel);
  const results = [];
  for (const code of [CELL_1, CELL_2, CELL_3]) {
    let stdout = "";
    let stderr = "";
    const outcome = await kernel.execute(code, {
      timeoutMs: 60_000,
      onIopub: (msg) => {
        if (msg.header.msg_type !== "stream") return;
        if (msg.content.name === "stdout") stdout += String(msg.content.text);
        else stderr += String(msg.content.text);
      },
    });
    results.push({ status: outcome.kind === "reply" ? outcome.status : outcome.kind, stdout, stderr });
  }
  return { kernel, results };
}

const patched = runCells({});
const unpatched = runCells({ EMERGENCE_LAB_TSLAB_PATCH: "0" });

test("object shorthand for variables of earlier cells works in a real kernel", { timeout: 120_000 }, async () => {
  const { results } = await patched;
  assert.deepEqual(results.map((r) => r.status), ["ok", "ok", "ok"], JSON.stringify(results));
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
