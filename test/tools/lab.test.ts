/**
 * `npm run lab` as a process: it names the UI it starts, keeps the token off every command line,
 * allows one launch per project (a second one says where the first is), and leaves nothing running
 * when the `npm` that started it is terminated or when the launcher itself is killed with SIGKILL:
 * the Jupyter server, its kernels and the `tsc --watch` build all stop.
 *
 * Needs a Python with Jupyter (the project's .jupyter/venv, or Debian's classic Notebook); without
 * one the process tests are skipped, except under CI=true where that is a failure. Jupyter's state
 * goes to a temporary folder (EMERGENCE_LAB_JUPYTER_DIR), so a lab the developer has open is not
 * touched.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ROOT, findPython, notebookUi } from "../../tools/jupyter-env";
import { isAlive, kernelFilePrefix, pidsWithArgument, processTable, signal, withDescendants } from "../../tools/lib/processes";
import type { LabState } from "../../tools/lab";

const LAB = path.join(PROJECT_ROOT, ".out", "tools", "lab.js");
const CI = process.env.CI === "true";
const python = findPython((p) => p.modules.jupyterlab || p.modules.notebook);
const skip = !python && !CI ? "no Python with Jupyter (npm run lab -- --install-jupyter makes one)" : false;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything a test started, for the clean-up after a failure. */
const started: { child: ChildProcess; dir: string }[] = [];
after(() => {
  for (const { child, dir } of started) {
    const state = readState(dir);
    const pids = [child.pid, state?.pid, state?.server, state?.watcher, state?.watchdog].filter((p): p is number => typeof p === "number");
    const kernels = state ? pidsWithArgument(kernelFilePrefix(state.runtimeDir)) : [];
    for (const p of withDescendants([...pids, ...kernels])) signal(p, "SIGKILL");
    for (const g of [state?.server, state?.watcher]) if (g) signal(-g, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function readState(dir: string): LabState | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabState;
  } catch {
    return null;
  }
}

async function waitFor<T>(what: string, f: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}

interface Launch {
  npm: ChildProcess;
  dir: string;
  state: LabState;
  token: string;
  kernel: number;
  watchBuild: number[];
  output: () => string;
}

/** The `tsc --watch` processes building this project (the watch build of `npm run lab`). */
function watchBuilds(): number[] {
  return processTable()
    .filter((p) => p.cmdline.includes(path.join(PROJECT_ROOT, "tsconfig.lib.json")) && p.cmdline.includes("--watch"))
    .map((p) => p.pid);
}

/** `npm run lab` in its own process group, up and answering, with one kernel started. */
async function launch(extra: string[] = []): Promise<Launch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-lab-"));
  const npm = spawn("npm", ["run", "--silent", "lab", "--", ...extra], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, EMERGENCE_LAB_JUPYTER_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.push({ child: npm, dir });
  let out = "";
  npm.stdout?.on("data", (d) => (out += String(d)));
  npm.stderr?.on("data", (d) => (out += String(d)));
  const state = await waitFor("the state file with the server and watchdog", () => {
    const s = readState(dir);
    return s && s.server && s.watchdog ? s : null;
  }, 60_000).catch((e: Error) => {
    throw new Error(`${e.message}\n${out}`);
  });
  const token = new URL(state.url).searchParams.get("token") as string;
  const base = `http://127.0.0.1:${state.port}/`;
  await waitFor("the server to answer", async () => (await fetch(`${base}api/status`, { headers: { Authorization: `token ${token}` } }).catch(() => null))?.ok, 90_000);
  const r = await fetch(`${base}api/kernels`, { method: "POST", headers: { Authorization: `token ${token}` }, body: JSON.stringify({ name: "emergence-lab" }) });
  assert.equal(r.status, 201, `starting a kernel: HTTP ${r.status}\n${out}`);
  const kernel = await waitFor("the kernel process", () => pidsWithArgument(kernelFilePrefix(state.runtimeDir))[0], 30_000);
  const watchBuild = extra.includes("--no-watch") ? [] : await waitFor("the watch build", () => (watchBuilds().length ? watchBuilds() : null), 30_000);
  return { npm, dir, state, token, kernel, watchBuild, output: () => out };
}

/** Asserts that everything of a launch stops within `timeoutMs`. */
async function assertAllGone(l: Launch, what: string, timeoutMs = 25_000): Promise<void> {
  const pids = { launcher: l.state.pid, server: l.state.server!, kernel: l.kernel, ...Object.fromEntries(l.watchBuild.map((p, i) => [`tsc --watch ${i}`, p])) };
  const t0 = Date.now();
  let alive: string[] = [];
  while (Date.now() - t0 < timeoutMs) {
    alive = Object.entries(pids).filter(([, p]) => isAlive(p)).map(([k, p]) => `${k} (${p})`);
    if (alive.length === 0) break;
    await sleep(250);
  }
  assert.deepEqual(alive, [], `after ${what}, still running ${((Date.now() - t0) / 1000).toFixed(0)} s later:\n${l.output()}`);
  const port = await fetch(`http://127.0.0.1:${l.state.port}/api/status`).then(() => "answers", () => "closed");
  assert.equal(port, "closed", `after ${what} the server's port still answers`);
  await waitFor("the watchdog to remove the state file and the token", () => !fs.existsSync(path.join(l.dir, "lab.json")) && !fs.existsSync(l.state.runtimeDir), 10_000);
  console.log(`  ${what}: server, kernel${l.watchBuild.length ? ", tsc --watch" : ""} gone ${((Date.now() - t0) / 1000).toFixed(1)} s later`);
}

test("the plan: the UI named as it is, the token in a file and on no command line", { skip }, () => {
  const r = spawnSync(process.execPath, [LAB, "--dry-run"], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { ui: string; module: string; args: string[]; url: string; env: Record<string, string> };
  const ui = notebookUi(python!)!;
  assert.equal(plan.ui, ui.name);
  assert.match(plan.ui, /^(JupyterLab \d|Notebook [7-9]|the classic Notebook 6)/, "Notebook 7 is never called the classic Notebook");
  const token = new URL(plan.url).searchParams.get("token") as string;
  assert.match(token, /^[0-9a-f]{48}$/);
  assert.ok(!plan.args.some((a) => a.includes(token)), "the token is not on the command line");
  assert.ok(!plan.args.some((a) => /\.token=/.test(a)), "no --ServerApp.token / --NotebookApp.token");
  assert.ok(plan.env.JUPYTER_TOKEN_FILE.startsWith(path.join(PROJECT_ROOT, ".jupyter", "runtime")), plan.env.JUPYTER_TOKEN_FILE);
  const bad = spawnSync(process.execPath, [LAB, "--port", "0"], { encoding: "utf8" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--port must be an integer in 1\.\.65535, got 0/);
  const unknown = spawnSync(process.execPath, [LAB, "--colour"], { encoding: "utf8" });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /lab: .*--colour.*expected --port N/);
});

test("SIGTERM to npm stops the server, its kernel and the watch build; a second launch meanwhile says where the first is", { skip, timeout: 180_000 }, async () => {
  assert.ok(python, "under CI=true npm run lab needs a Python with Jupyter");
  const l = await launch();
  // The token never appears in a command line of the launch's processes.
  const lines = processTable().filter((p) => p.cmdline.includes(l.token));
  assert.deepEqual(lines.map((p) => p.cmdline), [], "the token is visible in ps");
  assert.ok(fs.statSync(path.join(l.state.runtimeDir, "token")).mode % 0o1000 === 0o600, "token file is private");

  const second = spawnSync("npm", ["run", "--silent", "lab"], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, EMERGENCE_LAB_JUPYTER_DIR: l.dir } });
  assert.equal(second.status, 1, second.stdout + second.stderr);
  assert.ok(second.stdout.includes(`is already running for this project (launcher pid ${l.state.pid}`), second.stdout);
  assert.ok(second.stdout.includes(l.state.url), "it shows the first launch's address");
  assert.deepEqual(watchBuilds(), l.watchBuild, "no second watch build");

  signal(l.npm.pid!, "SIGTERM");
  await assertAllGone(l, "SIGTERM to npm");
});

test("SIGKILL of the launcher stops the server, its kernel and the watch build", { skip, timeout: 180_000 }, async () => {
  assert.ok(python, "under CI=true npm run lab needs a Python with Jupyter");
  const l = await launch();
  signal(l.state.pid, "SIGKILL");
  await assertAllGone(l, "SIGKILL of the launcher");
});

test("SIGKILL of npm (the launcher is left behind) stops everything too", { skip, timeout: 180_000 }, async () => {
  assert.ok(python, "under CI=true npm run lab needs a Python with Jupyter");
  const l = await launch(["--no-watch"]);
  signal(l.npm.pid!, "SIGKILL");
  await assertAllGone(l, "SIGKILL of npm");
});
