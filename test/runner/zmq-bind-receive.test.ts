/**
 * The kernel preload retries a receive that zeromq refuses while the socket's bind is in progress
 * (tslab starts its receive loops before it binds; the refusal would end the loop and the kernel).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PATCH = path.join(ROOT, ".out", "tools", "lib", "tslab-zmq-patch.js");

/** Receive on a Router whose bind has started but not finished; prints "received" or the error. */
const SCRIPT = `
const path = require("path");
const zmq = require(require.resolve("zeromq", { paths: [path.dirname(require.resolve("tslab/package.json"))] }));
(async () => {
  const s = new zmq.Router(), d = new zmq.Dealer();
  const bound = s.bind("tcp://127.0.0.1:0");
  let r;
  try { r = s.receive(); } catch (e) { r = Promise.reject(e); }
  r.catch(() => {});
  await bound;
  d.connect(s.lastEndpoint);
  await d.send("hello");
  try { const m = await r; console.log("received " + String(m[m.length - 1])); }
  catch (e) { console.log("error " + e.code); }
  s.close(); d.close();
})();
`;

function run(env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ["--require", PATCH, "-e", SCRIPT], { cwd: ROOT, encoding: "utf8", timeout: 20_000, env: { ...process.env, ...env } });
  return `${r.stdout}${r.stderr}`.trim();
}

test("a receive started during the socket's bind is retried by the preload", () => {
  assert.equal(run({}), "received hello");
});

test("without the preload's zeromq patch the same receive fails with EBUSY (the defect it works around)", () => {
  assert.match(run({ EMERGENCE_LAB_ZMQ_PATCH: "0" }), /error EBUSY/);
});
