/**
 * `npm run lab`: open the lessons in a notebook UI.
 *
 * - Starts JupyterLab if the Python it finds has it, otherwise the Notebook UI that Python has
 *   (Notebook 7, or the classic Notebook 6); with no Jupyter at all it says so and how to get one.
 *   Pythons tried: $EMERGENCE_LAB_PYTHON, else the project's own .jupyter/venv, python3, python,
 *   /usr/bin/python3.
 * - Binds to 127.0.0.1 on a free port with a random token, rooted at the project, with the kernel
 *   registered and Jupyter's config, data and runtime folders inside the project (.jupyter/). The
 *   token reaches the server in a file (.jupyter/runtime/lab-<pid>/token, read through
 *   JUPYTER_TOKEN_FILE), never on a command line that `ps` shows.
 * - Keeps dist/ current with a watch build, so an edit in src/ reaches a restarted kernel.
 * - Ctrl-C stops the server (which shuts down its kernels) and the watch build. A watchdog stops
 *   them too when this launcher, or the `npm` that started it, goes away in any other way.
 * - One launch per project: a second `npm run lab` prints where the running one is
 *   (.jupyter/lab.json) and exits.
 *
 * Options:
 *   --notebook          the Notebook UI even when JupyterLab is installed (--classic: the same)
 *   --port N            listen on port N instead of a free one
 *   --no-watch          do not rebuild dist/ on changes
 *   --dry-run           print what would be started, as JSON, and exit
 *   --install-jupyter   create .jupyter/venv with JupyterLab and Notebook (pip), then exit;
 *                       with --with-plotly also the Python plotly package (JupyterLab then draws
 *                       the figures with its own plotly renderer)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { INSTALL_JUPYTER_HINT, PROJECT_ROOT, findPython, jupyterDirs, jupyterEnv, notebookUi, probePython, projectVenv, registerKernel } from "./jupyter-env";
import { WATCHDOG_SCRIPT, type WatchPlan } from "./lab-watchdog";
import { freePort } from "./lib/ports";
import { isAlive, processInfo } from "./lib/processes";

/** Versions that `--install-jupyter` installs (pinned, as the npm dependencies are). */
export const JUPYTER_PACKAGES = ["jupyterlab==4.6.4", "notebook==7.6.3"];
export const PLOTLY_PACKAGE = "plotly==7.1.0";

interface Options {
  port: number | null;
  notebook: boolean;
  watch: boolean;
  dryRun: boolean;
  installJupyter: boolean;
  withPlotly: boolean;
}

function fail(msg: string, code = 2): never {
  console.error(`lab: ${msg}`);
  process.exit(code);
}

function options(argv: string[]): Options {
  let v;
  try {
    v = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        notebook: { type: "boolean", default: false },
        classic: { type: "boolean", default: false },
        "no-watch": { type: "boolean", default: false },
        "dry-run": { type: "boolean", default: false },
        "install-jupyter": { type: "boolean", default: false },
        "with-plotly": { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}; expected --port N, --notebook, --no-watch, --dry-run, --install-jupyter [--with-plotly]`);
  }
  let port: number | null = null;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be an integer in 1..65535, got ${v.port}`);
  }
  if (v["with-plotly"] && !v["install-jupyter"]) fail("--with-plotly goes with --install-jupyter");
  return {
    port,
    notebook: Boolean(v.notebook || v.classic),
    watch: !v["no-watch"],
    dryRun: Boolean(v["dry-run"]),
    installJupyter: Boolean(v["install-jupyter"]),
    withPlotly: Boolean(v["with-plotly"]),
  };
}

// ---- --install-jupyter -------------------------------------------------------------------------

/** A Python that can make a virtual environment (venv with ensurepip), or null. */
function basePython(): string | null {
  const candidates = process.env.EMERGENCE_LAB_PYTHON
    ? [process.env.EMERGENCE_LAB_PYTHON]
    : process.platform === "linux"
      ? ["/usr/bin/python3", "python3", "python"]
      : ["python3", "python"];
  for (const py of candidates) {
    const r = spawnSync(py, ["-c", "import sys, venv, ensurepip; assert sys.version_info >= (3, 9)"], { stdio: "ignore", timeout: 30_000 });
    if (r.status === 0) return py;
  }
  return null;
}

function runShown(cmd: string, args: string[]): boolean {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: PROJECT_ROOT });
  if (r.status !== 0) console.error(`lab: the command above failed (${r.status ?? r.signal})`);
  return r.status === 0;
}

/** Creates (or completes) .jupyter/venv with JupyterLab and Notebook, printing each step. */
function installJupyter(withPlotly: boolean): number {
  const venv = projectVenv();
  const rel = path.relative(PROJECT_ROOT, venv.dir);
  if (fs.existsSync(venv.python)) {
    console.log(`Using the existing virtual environment ${rel}/ (delete it to start afresh).`);
  } else {
    const base = basePython();
    if (!base) {
      console.error(
        "lab: no Python 3.9+ with the venv module was found (tried $EMERGENCE_LAB_PYTHON, else python3 and python).\n" +
          "  Debian/Ubuntu: sudo apt-get install python3-venv   macOS/Windows: install Python from python.org",
      );
      return 1;
    }
    console.log(`Creating a virtual environment for Jupyter in ${rel}/ (nothing is installed outside the project):`);
    if (!runShown(base, ["-m", "venv", venv.dir])) return 1;
  }
  // --retries 0 --timeout 5: an unreachable package index fails at once instead of after minutes.
  const packages = [...JUPYTER_PACKAGES, ...(withPlotly ? [PLOTLY_PACKAGE] : [])];
  console.log(`Installing ${packages.join(", ")} with pip (a few hundred MB, about a minute):`);
  if (!runShown(venv.python, ["-m", "pip", "install", "--retries", "0", "--timeout", "5", ...packages])) {
    console.error(`lab: pip could not install Jupyter into ${rel}/. Check the network or pip's configuration (pip config list), then run this again.`);
    return 1;
  }
  const info = probePython(venv.python);
  const ui = info && notebookUi(info);
  if (!info || !ui) {
    console.error(`lab: ${venv.python} still has no Jupyter after pip install`);
    return 1;
  }
  const extra = info.versions.plotly ? `, plotly ${info.versions.plotly}` : "";
  console.log(`\nDone: ${ui.name}, Notebook ${info.versions.notebook}${extra} in ${rel}/. \`npm run lab\` now uses them.`);
  return 0;
}

// ---- one launch per project ----------------------------------------------------------------------

/** What .jupyter/lab.json records about the running launch. */
export interface LabState {
  pid: number;
  ui: string;
  url: string;
  port: number;
  python: string;
  started: string;
  runtimeDir: string;
  server?: number;
  watcher?: number;
  watchdog?: number;
}

function writePrivate(file: string, text: string, flag = "w"): void {
  fs.writeFileSync(file, text, { mode: 0o600, flag });
}

function readState(file: string): LabState | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LabState;
  } catch {
    return null;
  }
}

/** The launcher named by a state file, if it still runs. */
function runningLauncher(state: LabState | null): LabState | null {
  if (!state || !Number.isInteger(state.pid) || state.pid === process.pid) return null;
  const p = processInfo(state.pid);
  return p && p.cmdline.includes("lab.js") ? state : null;
}

/** Creates the state file, or returns the launch that already holds it. */
function claim(file: string, state: LabState): LabState | null {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writePrivate(file, JSON.stringify(state, null, 1) + "\n", "wx");
      return null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const other = runningLauncher(readState(file));
      if (other) return other;
      fs.rmSync(file, { force: true }); // left by a launch that is gone
    }
  }
  throw new Error(`lab: could not create ${file}`);
}

function updateState(file: string, state: LabState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writePrivate(tmp, JSON.stringify(state, null, 1) + "\n");
  fs.renameSync(tmp, file);
}

function releaseState(file: string): void {
  if (readState(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

// ---- processes -----------------------------------------------------------------------------------

/**
 * This launcher and its callers up to `npm` (npm runs scripts through a shell): each must keep its
 * parent, and the topmost must stay alive. Without npm among the first callers, the direct parent.
 */
export function callerChain(): WatchPlan["chain"] {
  const self = { pid: process.pid, ppid: process.ppid };
  const callers: { pid: number; ppid: number; cmdline: string }[] = [];
  let pid = process.ppid;
  for (let i = 0; i < 4 && pid > 1; i++) {
    const p = processInfo(pid);
    if (!p) break;
    callers.push(p);
    if (/(^|[\s/])npm(-cli\.js)?(\s|$)|npm-cli\.js/.test(p.cmdline)) {
      return [self, ...callers.map((c, k) => ({ pid: c.pid, ppid: k === callers.length - 1 ? -1 : c.ppid }))];
    }
    pid = p.ppid;
  }
  return callers.length ? [self, { pid: callers[0].pid, ppid: -1 }] : [self];
}

function killGroup(child: ChildProcess | null, signal: NodeJS.Signals): void {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  if (opts.installJupyter) process.exit(installJupyter(opts.withPlotly));

  const py = findPython((p) => p.modules.jupyterlab || p.modules.notebook);
  const ui = py && notebookUi(py, opts.notebook);
  if (!py || !ui) {
    console.error(INSTALL_JUPYTER_HINT);
    process.exit(1);
  }
  const dirs = jupyterDirs();
  const stateFile = path.join(dirs.base, "lab.json");
  const port = opts.port ?? (await freePort());
  const token = crypto.randomBytes(24).toString("hex");
  const runtimeDir = path.join(dirs.runtime, `lab-${process.pid}`);
  const tokenFile = path.join(runtimeDir, "token");
  const env: NodeJS.ProcessEnv = { ...jupyterEnv(), JUPYTER_RUNTIME_DIR: runtimeDir, JUPYTER_TOKEN_FILE: tokenFile };
  delete env.JUPYTER_TOKEN; // it would win over the file

  // The classic Notebook 6 is a NotebookApp; JupyterLab and Notebook 7 run on jupyter_server 2.
  const args = ["-m", ui.module, "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0"];
  args.push(ui.classic ? `--NotebookApp.notebook_dir=${PROJECT_ROOT}` : `--ServerApp.root_dir=${PROJECT_ROOT}`);
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--allow-root");
  const url = `http://127.0.0.1:${port}/${ui.module === "jupyterlab" ? "lab" : "tree"}?token=${token}`;

  if (opts.dryRun) {
    const shown = ["JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_TOKEN_FILE", "IPYTHONDIR"];
    console.log(JSON.stringify({ python: py.python, ui: ui.name, module: ui.module, args, url, stateFile, env: Object.fromEntries(shown.map((k) => [k, env[k]])) }));
    return;
  }

  fs.mkdirSync(dirs.base, { recursive: true });
  const state: LabState = { pid: process.pid, ui: ui.name, url, port, python: py.python, started: new Date().toISOString(), runtimeDir };
  const other = claim(stateFile, state);
  if (other) {
    console.log(`${other.ui} is already running for this project (launcher pid ${other.pid}, since ${other.started}):\n\n  ${other.url}\n`);
    console.log("Open that address, or stop it first (Ctrl-C in its terminal) to start another.");
    process.exit(1);
  }
  process.on("exit", () => releaseState(stateFile));

  registerKernel();
  fs.mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  writePrivate(tokenFile, token);

  let watcher: ChildProcess | null = null;
  if (opts.watch) {
    watcher = spawn(process.execPath, [path.join(PROJECT_ROOT, "tools", "build.js"), "--watch"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
  }
  console.log(`Starting ${ui.name} with ${py.python} (Python ${py.version}), rooted at ${PROJECT_ROOT}`);
  const server = spawn(py.python, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let log = "";
  server.stderr?.setEncoding("utf8");
  server.stderr?.on("data", (chunk: string) => {
    log = (log + chunk).slice(-8000);
  });

  const plan: WatchPlan = {
    launcher: process.pid,
    chain: callerChain(),
    groups: [server.pid, watcher?.pid].filter((p): p is number => typeof p === "number"),
    server: server.pid ?? null,
    runtimeDir,
    stateFile,
    pollMs: 500,
    graceMs: 5000,
    logFile: path.join(dirs.base, "lab-watchdog.log"),
  };
  const watchdog = spawn(process.execPath, [WATCHDOG_SCRIPT, JSON.stringify(plan)], { detached: true, stdio: "ignore" });
  watchdog.unref();
  updateState(stateFile, { ...state, server: server.pid, watcher: watcher?.pid, watchdog: watchdog.pid });

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    killGroup(watcher, "SIGTERM");
    // SIGTERM makes the Jupyter server shut down its kernels before it exits.
    killGroup(server, "SIGTERM");
    const t = setTimeout(() => {
      killGroup(server, "SIGKILL");
      process.exit(code);
    }, 8000);
    server.once("exit", () => {
      clearTimeout(t);
      process.exit(code);
    });
    if (server.exitCode !== null || server.signalCode !== null) process.exit(code);
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  process.on("SIGHUP", () => stop(129));
  // A closed stdout (the terminal or npm went away) must not crash the launcher mid-stop.
  process.stdout.on("error", () => stop(1));
  server.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${ui.name} exited (${code ?? signal}). Last lines:\n${log.split("\n").slice(-15).join("\n")}`);
      stopping = true;
      killGroup(watcher, "SIGTERM");
      process.exit(code === 0 ? 0 : 1);
    }
  });

  // Say where to go once the server answers.
  const t0 = Date.now();
  while (!stopping && Date.now() - t0 < 120_000) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) {
        console.log(`\n  Open: ${url}\n`);
        console.log(`  Kernel: "TypeScript (emergence-lab)". dist/ is ${opts.watch ? "rebuilt on every change in src/ (restart the kernel to pick it up)" : "not watched (--no-watch)"}.`);
        console.log("  Stop with Ctrl-C.\n");
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  if (!stopping && isAlive(server.pid ?? -1)) console.error(`lab: ${ui.name} has not answered on port ${port} after 120 s; still waiting (Ctrl-C to stop).`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
