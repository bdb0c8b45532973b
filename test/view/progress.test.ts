/**
 * progress(): throttling with an injected clock (expected counts derived by hand from the rule
 * "refresh when at least intervalMs passed since the last refresh"), text form, validation.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { progress, progressText, type ProgressState } from "../../src/view/progress";

test("updates are throttled to one per interval, plus the first and the final one", () => {
  let t = 0;
  const seen: { s: ProgressState; final: boolean }[] = [];
  const p = progress({ label: "sim", total: 1000, now: () => t, sink: (s, final) => seen.push({ s, final }) });
  for (let i = 0; i < 1000; i++) {
    t += 1; // one tick per millisecond for one second
    p.tick();
  }
  p.done();
  p.done();
  // First at t=0; refreshes at t=100,200,...,1000 (10); final: 12 in all = at most ~10 per second.
  assert.equal(seen.length, 12);
  assert.deepEqual(seen.slice(1, 11).map((e) => e.s.elapsedMs), [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  assert.equal(seen[11].final, true);
  assert.equal(seen[11].s.done, 1000);
  assert.equal(progressText(seen[11].s), "sim: 1000/1000 (100%) 1 s, done");
  assert.equal(progressText(seen[5].s), "sim: 500/1000 (50%) 500 ms");
});

test("tick(n) adds n and never passes total; bad arguments throw", () => {
  let t = 0;
  const seen: ProgressState[] = [];
  const p = progress({ label: "x", total: 10, intervalMs: 0, now: () => (t += 1), sink: (s) => seen.push(s) });
  p.tick(4);
  p.tick(100);
  assert.deepEqual(seen.map((s) => s.done), [0, 4, 10]);
  assert.throws(() => p.tick(-1), /progress.tick: n must be a finite number >= 0, got -1/);
  assert.throws(() => progress({ label: "x", total: 0 }), /progress: total must be a positive integer, got 0/);
  assert.throws(() => progress({ label: "x", total: 2.5 }), /got 2\.5/);
});

test("outside a kernel and off a TTY, only the final line is written to stderr", () => {
  const writes: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  const isTTY = process.stderr.isTTY;
  (process.stderr as { isTTY?: boolean }).isTTY = false;
  process.stderr.write = ((s: string) => (writes.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const p = progress({ label: "plain", total: 3 });
    p.tick();
    p.tick();
    p.tick();
    p.done();
  } finally {
    process.stderr.write = orig;
    (process.stderr as { isTTY?: boolean }).isTTY = isTTY;
  }
  assert.equal(writes.length, 1);
  assert.match(writes[0], /^plain: 3\/3 \(100%\) \d+ ms, done\n$/);
});
