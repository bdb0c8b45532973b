/**
 * No process a cell started outlives its kernel: the fixtures (test/fixtures/processes/) start, from a cell,
 * a detached child with a grandchild (`sleep`), the same without the kernel's environment, and an orphan
 * whose parent exits at once; each writes the five pids to a file. After the runner has ended the kernel (the
 * notebook finished, the kernel exited by itself, the cell timed out, or the runner itself was SIGKILLed) none
 * of them may be running.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../../tools/lib/paths";

const runner = path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js");
const fixtures = path.join(PROJECT_ROOT, "test", "fixtures", "processes");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "el-processes-"));
const allPids: number[] = [];

/** Alive = signal 0 succeeds and the process is not a zombie. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

after(() => {
  // Whatever a failing test left running is ended here, not left on the machine.
  for (const pid of allPids) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  fs.rmSync(tmp, { recursive: true, force: true });
});

function pidLines(file: string): number[][] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
  const out = lines.map((l) => l.split(" ").map(Number));
  for (const pids of out) {
    allPids.push(...pids);
    assert.equal(pids.length, 5, `five pids per notebook: ${pids}`);
    assert.ok(pids.every((p) => Number.isInteger(p) && p > 1), `pids ${pids}`);
    assert.equal(new Set(pids).size, 5);
  }
  return out;
}

async function assertAllGone(pids: number[], waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  while (pids.some(isAlive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const alive = pids.filter(isAlive);
  assert.deepEqual(alive, [], `still running: ${alive.map((p) => `${p} (${fs.readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " ").trim()})`).join(", ")}`);
}

function startRunner(args: string[], pidFile: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, EMERGENCE_LAB_TEST_PID_FILE: pidFile };
  delete env.CI;
  const proc = spawn(process.execPath, [runner, "--notebooks-dir", fixtures, "--no-static", ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => proc.on("close", (code) => resolve({ code, output })));
  return { proc, done };
}

test("after a finished notebook, a kernel that exited, and a timed-out cell: no child, grandchild or orphan is left", { timeout: 120_000 }, async () => {
  const pidFile = path.join(tmp, "run.pids");
  const json = path.join(tmp, "run.json");
  const { done } = startRunner(["--out", path.join(tmp, "out"), "--timeout", "5", "--json", json], pidFile);
  const run = await done;
  const summary = JSON.parse(fs.readFileSync(json, "utf8")) as { notebooks: Array<{ name: string; status: string }> };
  assert.deepEqual(
    summary.notebooks.map((n) => [n.name, n.status]),
    [
      ["01-spawn-ok", "ok"],
      ["02-spawn-exit", "KERNEL DIED"],
      ["03-spawn-hang", "TIMEOUT"],
    ],
    run.output,
  );
  const lines = pidLines(pidFile);
  assert.equal(lines.length, 3, "each notebook started its processes");
  await assertAllGone(lines.flat(), 2000);
});

test("a runner killed with SIGKILL mid-cell: the kernel's guard ends everything the kernel started", { timeout: 120_000 }, async () => {
  const pidFile = path.join(tmp, "sigkill.pids");
  const { proc, done } = startRunner(["03-spawn-hang", "--out", path.join(tmp, "sigkill")], pidFile);
  const until = Date.now() + 60_000;
  while (pidLines(pidFile).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const [pids] = pidLines(pidFile);
  assert.ok(pids, "the notebook started its processes");
  assert.ok(pids.every(isAlive), "they run before the runner is killed");
  // Into the endless cell: the kernel's main thread is blocked, only its watchdog thread can act.
  await new Promise((r) => setTimeout(r, 1500));
  proc.kill("SIGKILL");
  await done;
  await assertAllGone(pids, 5000);
});
