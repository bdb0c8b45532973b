/**
 * `npm run lab`: open the lessons in a notebook UI.
 *
 * - Starts JupyterLab if the Python it finds has it, otherwise the classic Notebook; with no
 *   Jupyter at all it says so and prints how to install one.
 * - Binds to 127.0.0.1 on a free port with a random token, rooted at the project, with the kernel
 *   registered and Jupyter's config, data and runtime folders inside the project (.jupyter/).
 * - Keeps dist/ current with a watch build, so an edit in src/ reaches a restarted kernel.
 * - Ctrl-C stops the server (which shuts down its kernels) and the watch build.
 *
 * Options: --port N, --classic (prefer the classic Notebook), --no-watch, --dry-run (print the
 * command and exit; used by tests).
 */
import { ChildProcess, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as path from "node:path";
import { INSTALL_JUPYTER_HINT, PROJECT_ROOT, findPython, freePort, jupyterEnv, registerKernel } from "./jupyter-env";

interface Options {
  port: number | null;
  classic: boolean;
  watch: boolean;
  dryRun: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { port: null, classic: false, watch: true, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--classic") o.classic = true;
    else if (a === "--no-watch") o.watch = false;
    else if (a === "--dry-run") o.dryRun = true;
    else if (a === "--port") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1 || v > 65535) {
        console.error(`lab: --port must be an integer in 1..65535, got ${argv[i]}`);
        process.exit(2);
      }
      o.port = v;
    } else {
      console.error(`lab: unknown option ${a}; expected --port N, --classic, --no-watch or --dry-run`);
      process.exit(2);
    }
  }
  return o;
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

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const py = findPython((p) => p.modules.jupyterlab || p.modules.notebook);
  if (!py) {
    console.error(INSTALL_JUPYTER_HINT);
    process.exit(1);
  }
  const useLab = py.modules.jupyterlab && !opts.classic;
  const classic6 = !useLab && (py.modules.notebookMajor ?? 7) < 7;
  const app = useLab ? "ServerApp" : classic6 ? "NotebookApp" : "ServerApp";
  const port = opts.port ?? (await freePort());
  const token = crypto.randomBytes(24).toString("hex");
  const env = jupyterEnv();
  registerKernel();

  const args = [
    "-m",
    useLab ? "jupyterlab" : "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--${app}.token=${token}`,
    `--${app}.${classic6 ? "notebook_dir" : "root_dir"}=${PROJECT_ROOT}`,
  ];
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--allow-root");
  const url = `http://127.0.0.1:${port}/${useLab ? "lab" : "tree"}?token=${token}`;
  const ui = useLab ? "JupyterLab" : `the classic Notebook${classic6 ? " 6" : ""}`;

  if (opts.dryRun) {
    console.log(JSON.stringify({ python: py.python, ui, args, url, env: { JUPYTER_PATH: env.JUPYTER_PATH, JUPYTER_DATA_DIR: env.JUPYTER_DATA_DIR, JUPYTER_CONFIG_DIR: env.JUPYTER_CONFIG_DIR, JUPYTER_RUNTIME_DIR: env.JUPYTER_RUNTIME_DIR, IPYTHONDIR: env.IPYTHONDIR } }));
    return;
  }

  let watcher: ChildProcess | null = null;
  if (opts.watch) {
    watcher = spawn(process.execPath, [path.join(PROJECT_ROOT, "tools", "build.js"), "--watch"], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
  }
  console.log(`Starting ${ui} with ${py.python} (Python ${py.version}), rooted at ${PROJECT_ROOT}`);
  const server = spawn(py.python, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let printed = false;
  let log = "";
  server.stderr?.setEncoding("utf8");
  server.stderr?.on("data", (chunk: string) => {
    log = (log + chunk).slice(-8000);
    if (!printed && /(is running at|Jupyter Server .* is running|http:\/\/127\.0\.0\.1:\d+)/.test(log)) {
      printed = true;
      console.log(`\n  Open: ${url}\n`);
      console.log(`  Kernel: "TypeScript (emergence-lab)". dist/ is ${opts.watch ? "rebuilt on every change in src/ (restart the kernel to pick it up)" : "not watched (--no-watch)"}.`);
      console.log("  Stop with Ctrl-C.\n");
    }
  });

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
    if (server.exitCode !== null) process.exit(code);
  };
  process.on("SIGINT", () => stop(130));
  process.on("SIGTERM", () => stop(143));
  server.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${ui} exited (${code ?? signal}). Last lines:\n${log.split("\n").slice(-15).join("\n")}`);
      stopping = true;
      killGroup(watcher, "SIGTERM");
      process.exit(code === 0 ? 0 : 1);
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
