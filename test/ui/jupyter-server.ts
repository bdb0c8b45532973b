/**
 * Helpers of the browser tests: start a notebook server (the classic Notebook 6, JupyterLab 4 or
 * Notebook 7) rooted at the project, on 127.0.0.1 with a random token given in a file (never on the
 * command line), with the project's kernelspec and its own fresh config and runtime folders; talk
 * to its REST API; and stop it together with every kernel it started, also when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT, jupyterEnv } from "../../tools/jupyter-env";
import { freePort } from "../../tools/lib/ports";
import { isAlive, kernelFilePrefix, pidsWithArgument, signal, withDescendants } from "../../tools/lib/processes";

/** Which server: the classic Notebook 6 (`python -m notebook` with notebook 6), JupyterLab, Notebook 7. */
export type ServerApp = "notebook6" | "jupyterlab" | "notebook7";

export interface NotebookServer {
  app: ServerApp;
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
  /** This server's own Jupyter config folder (fresh: settings as a new user has them). */
  configDir: string;
}

export interface ServerOptions {
  python: string;
  app: ServerApp;
  /** JupyterLab / Notebook 7 extensions to disable (page_config.json), e.g. ["jupyterlab-plotly"]. */
  disabledExtensions?: string[];
  /** JupyterLab / Notebook 7 user settings: plugin id -> settings object. */
  userSettings?: Record<string, Record<string, unknown>>;
  /** Extra kernelspecs for this server only: name -> kernel.json content. */
  kernelspecs?: Record<string, Record<string, unknown>>;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a server and waits until its API answers. */
export async function startServer(options: ServerOptions): Promise<NotebookServer> {
  const { python, app } = options;
  const timeoutMs = options.timeoutMs ?? 90_000;
  const port = await freePort();
  const token = crypto.randomBytes(24).toString("hex");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `el-${app}-`));
  const runtimeDir = path.join(tmp, "runtime");
  const configDir = path.join(tmp, "config");
  fs.mkdirSync(runtimeDir, { mode: 0o700 });
  fs.mkdirSync(path.join(configDir, "labconfig"), { recursive: true });
  const tokenFile = path.join(runtimeDir, "token");
  fs.writeFileSync(tokenFile, token, { mode: 0o600 });
  if (options.disabledExtensions?.length) {
    const disabled = Object.fromEntries(options.disabledExtensions.map((e) => [e, true]));
    fs.writeFileSync(path.join(configDir, "labconfig", "page_config.json"), JSON.stringify({ disabledExtensions: disabled }));
  }
  for (const [plugin, settings] of Object.entries(options.userSettings ?? {})) {
    const [pkg, name] = plugin.split(":");
    const dir = path.join(configDir, "lab", "user-settings", ...pkg.split("/"));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.jupyterlab-settings`), JSON.stringify(settings));
  }
  const dataDir = path.join(tmp, "data");
  for (const [name, spec] of Object.entries(options.kernelspecs ?? {})) {
    fs.mkdirSync(path.join(dataDir, "kernels", name), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "kernels", name, "kernel.json"), JSON.stringify(spec, null, 1));
  }
  const common = ["--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0", "--allow-root"];
  const args =
    app === "notebook6"
      ? ["-m", "notebook", ...common, `--NotebookApp.notebook_dir=${PROJECT_ROOT}`]
      : [
          "-m",
          app === "jupyterlab" ? "jupyterlab" : "notebook",
          ...common,
          `--ServerApp.root_dir=${PROJECT_ROOT}`,
          // window.jupyterapp: the test drives the UI through the app's command registry.
          `--${app === "jupyterlab" ? "LabApp" : "JupyterNotebookApp"}.expose_app_in_browser=True`,
        ];
  const base = jupyterEnv();
  const env: NodeJS.ProcessEnv = {
    ...base,
    JUPYTER_RUNTIME_DIR: runtimeDir,
    JUPYTER_CONFIG_DIR: configDir,
    JUPYTER_TOKEN_FILE: tokenFile,
    JUPYTER_PATH: [dataDir, base.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    // The UI tests open copies of the lessons in build/: their "../data/external" would miss the data
    // that the lessons in notebooks/ find, so point the kernels at it (the loader ignores a missing folder).
    EMERGENCE_LAB_DATA: base.EMERGENCE_LAB_DATA ?? path.join(PROJECT_ROOT, "data", "external"),
  };
  delete env.JUPYTER_TOKEN;
  const child = spawn(python, args, {
    cwd: PROJECT_ROOT,
    env,
    detached: true, // own process group: the clean-up kills the whole group
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out = (out + String(d)).slice(-200_000)));
  child.stderr?.on("data", (d) => (out = (out + String(d)).slice(-200_000)));
  const server: NotebookServer = { app, url: `http://127.0.0.1:${port}/`, token, child, log: () => out, kernelIds: new Set(), runtimeDir, configDir };
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
      throw new Error(`the ${app} server exited (${child.exitCode ?? child.signalCode}) before answering:\n${out}`);
    }
    try {
      const r = await fetch(`${server.url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > timeoutMs) {
      await stopServer(server);
      throw new Error(`the ${app} server did not answer within ${timeoutMs / 1000} s:\n${out}`);
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

/** Pids of this server's kernels (their command lines name a connection file in its runtime folder). */
function kernelPids(runtimeDir: string): number[] {
  return pidsWithArgument(kernelFilePrefix(runtimeDir));
}

/** Synchronous last resort: SIGKILL the server's group, our kernels and their descendants. */
function killNowSync(server: NotebookServer): void {
  const pid = server.child.pid;
  if (pid !== undefined && server.child.exitCode === null && server.child.signalCode === null) signal(-pid, "SIGKILL");
  for (const p of withDescendants(kernelPids(server.runtimeDir))) signal(p, "SIGKILL");
}

/**
 * Stops the server and every kernel it started: kernels through the API, then SIGTERM to the
 * server's process group (the server shuts down its kernels), SIGKILL after 5 s, and finally
 * SIGKILL to any process still holding one of its kernels' connection files (kernels run in their
 * own sessions, so a group kill of the server does not reach them).
 */
export async function stopServer(server: NotebookServer): Promise<void> {
  try {
    if (server.child.exitCode === null) await shutdownKernels(server);
  } catch {
    // the server may already be unusable; the signals below still apply
  }
  const pid = server.child.pid;
  const alive = () => server.child.exitCode === null && server.child.signalCode === null;
  if (pid !== undefined && alive()) {
    signal(-pid, "SIGTERM");
    const t0 = Date.now();
    while (alive() && Date.now() - t0 < 5000) await sleep(100);
    if (alive()) signal(-pid, "SIGKILL");
  }
  killNowSync(server);
  // Give the kernels a moment to be reaped before anyone checks leftoverKernelPids.
  const t1 = Date.now();
  while (kernelPids(server.runtimeDir).some(isAlive) && Date.now() - t1 < 3000) await sleep(100);
  fs.rmSync(path.dirname(server.runtimeDir), { recursive: true, force: true });
}

/** Pids of our kernels still alive (used to assert the clean-up). */
export function leftoverKernelPids(server: NotebookServer): number[] {
  return kernelPids(server.runtimeDir);
}
