/**
 * Helpers of the browser test: start the classic Notebook server (rooted at the project, on
 * 127.0.0.1 with a random token, Jupyter folders inside the project's .jupyter/), talk to its REST
 * API, and stop it together with every kernel it started, also when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT, freePort, jupyterEnv } from "../../tools/jupyter-env";

export interface NotebookServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  token: string;
  child: ChildProcess;
  /** Server output so far (for failure messages). */
  log(): string;
  /** Kernel ids seen while the server ran. */
  kernelIds: Set<string>;
  /**
   * This server's own Jupyter runtime folder (a fresh temp dir): every kernel it starts has its
   * connection file there, which identifies our kernels among all processes for the clean-up.
   */
  runtimeDir: string;
}

export { freePort };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `python -m notebook` (classic Notebook 6) and waits until its API answers. */
export async function startNotebookServer(python: string, timeoutMs = 60_000): Promise<NotebookServer> {
  const port = await freePort();
  const token = crypto.randomBytes(24).toString("hex");
  const args = [
    "-m",
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${PROJECT_ROOT}`,
    "--allow-root",
  ];
  const runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), "el-browser-runtime-"));
  const child = spawn(python, args, {
    cwd: PROJECT_ROOT,
    env: { ...jupyterEnv(), JUPYTER_RUNTIME_DIR: runtimeDir },
    detached: true, // own process group: the clean-up kills the whole group
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += String(d)));
  child.stderr?.on("data", (d) => (out += String(d)));
  const server: NotebookServer = { url: `http://127.0.0.1:${port}/`, token, child, log: () => out, kernelIds: new Set(), runtimeDir };
  // If this process dies without running the test's `after` (e.g. Ctrl-C), still stop everything.
  const emergency = () => killNowSync(server);
  process.once("exit", emergency);
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      emergency();
      process.exit(130);
    });
  }
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the Notebook server exited (${child.exitCode ?? child.signalCode}) before answering:\n${out}`);
    }
    try {
      const r = await fetch(`${server.url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > timeoutMs) {
      await stopNotebookServer(server);
      throw new Error(`the Notebook server did not answer within ${timeoutMs / 1000} s:\n${out}`);
    }
    await sleep(250);
  }
}

/** GET/DELETE on the server's REST API with the token. */
export async function api(server: NotebookServer, method: "GET" | "DELETE", route: string): Promise<unknown> {
  const r = await fetch(`${server.url}${route}`, { method, headers: { Authorization: `token ${server.token}` } });
  if (!r.ok && r.status !== 404) throw new Error(`${method} ${route}: HTTP ${r.status}`);
  return r.status === 204 || method === "DELETE" ? null : r.json();
}

/** Remembers the running kernels' ids, then shuts all of them down through the API. */
export async function shutdownKernels(server: NotebookServer): Promise<void> {
  const kernels = (await api(server, "GET", "api/kernels")) as { id: string }[];
  for (const k of kernels) server.kernelIds.add(k.id);
  const sessions = (await api(server, "GET", "api/sessions")) as { id: string }[];
  for (const s of sessions) await api(server, "DELETE", `api/sessions/${s.id}`);
  for (const k of kernels) await api(server, "DELETE", `api/kernels/${k.id}`);
}

/** Pids of processes whose command line names a connection file in this server's runtime folder. */
function kernelPids(runtimeDir: string): number[] {
  if (!fs.existsSync("/proc")) return [];
  const pids: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(path.join("/proc", e, "cmdline"), "utf8");
      if (cmd.includes(`${runtimeDir}${path.sep}kernel-`)) pids.push(Number(e));
    } catch {
      // process gone
    }
  }
  return pids;
}

/** Synchronous last resort: SIGKILL the server's group and our kernels. */
function killNowSync(server: NotebookServer): void {
  const pid = server.child.pid;
  if (pid !== undefined && server.child.exitCode === null && server.child.signalCode === null) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  for (const p of kernelPids(server.runtimeDir)) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // gone
    }
  }
}

/**
 * Stops the server and every kernel it started: kernels through the API, then SIGTERM to the
 * server's process group (the server shuts down its kernels), SIGKILL after 5 s, and finally
 * SIGKILL to any process still holding one of the seen kernels' connection files (kernels run
 * in their own sessions, so a group kill of the server does not reach them).
 */
export async function stopNotebookServer(server: NotebookServer): Promise<void> {
  try {
    if (server.child.exitCode === null) await shutdownKernels(server);
  } catch {
    // the server may already be unusable; the signals below still apply
  }
  const pid = server.child.pid;
  const alive = () => server.child.exitCode === null && server.child.signalCode === null;
  if (pid !== undefined && alive()) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // gone
    }
    const t0 = Date.now();
    while (alive() && Date.now() - t0 < 5000) await sleep(100);
    if (alive()) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
  killNowSync(server);
  // Give the kernels a moment to be reaped before anyone checks leftoverKernelPids.
  const t1 = Date.now();
  while (kernelPids(server.runtimeDir).length && Date.now() - t1 < 3000) await sleep(100);
  fs.rmSync(server.runtimeDir, { recursive: true, force: true });
}

/** Pids of our kernels still alive (used to assert the clean-up). */
export function leftoverKernelPids(server: NotebookServer): number[] {
  return kernelPids(server.runtimeDir);
}
