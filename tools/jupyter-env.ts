/**
 * The project's own Jupyter setup: a project-local Jupyter folder (`.jupyter/`, git-ignored) that
 * holds the kernelspec, config, runtime files and IPython dir, so nothing is written into the
 * user's home; kernel registration without Python; and detection of a Python that has Jupyter.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

import { PROJECT_ROOT, tslabBinary } from "./lib/paths";

export { PROJECT_ROOT, tslabBinary };

/** Name of the kernelspec that the notebooks' metadata names. */
export const KERNEL_NAME = "emergence-lab";
/** Display name shown in Jupyter's kernel menu. */
export const KERNEL_DISPLAY_NAME = "TypeScript (emergence-lab)";

/**
 * Folders of the project-local Jupyter setup: `<root>/.jupyter/`, or the folder named by
 * $EMERGENCE_LAB_JUPYTER_DIR (to keep Jupyter's state of this project elsewhere).
 */
export function jupyterDirs(root = PROJECT_ROOT, env: NodeJS.ProcessEnv = process.env) {
  const base = env.EMERGENCE_LAB_JUPYTER_DIR ? path.resolve(env.EMERGENCE_LAB_JUPYTER_DIR) : path.join(root, ".jupyter");
  return {
    base,
    data: path.join(base, "data"),
    config: path.join(base, "config"),
    runtime: path.join(base, "runtime"),
    ipython: path.join(base, "ipython"),
    kernel: path.join(base, "data", "kernels", KERNEL_NAME),
  };
}

/**
 * Environment for any Jupyter process of the project: config, data and runtime folders inside the
 * project, and JUPYTER_PATH pointing at the project's kernelspec.
 */
export function jupyterEnv(root = PROJECT_ROOT, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const d = jupyterDirs(root, base);
  for (const dir of [d.data, d.config, d.runtime, d.ipython]) fs.mkdirSync(dir, { recursive: true });
  return {
    ...base,
    JUPYTER_CONFIG_DIR: d.config,
    JUPYTER_DATA_DIR: d.data,
    JUPYTER_RUNTIME_DIR: d.runtime,
    IPYTHONDIR: d.ipython,
    JUPYTER_PATH: base.JUPYTER_PATH ? `${d.data}${path.delimiter}${base.JUPYTER_PATH}` : d.data,
    // Debian's ipykernel prints debugger warnings about frozen modules on every start.
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

/**
 * The preload that makes tslab 1.0.22 deliver every message (see tools/lib/tslab-zmq-patch.ts):
 * the same one the lesson runner gives its kernels, so Jupyter's kernels print the same outputs.
 */
export function zmqPatchPath(root = PROJECT_ROOT): string {
  return path.join(root, ".out", "tools", "lib", "tslab-zmq-patch.js");
}

/** The kernelspec (kernel.json) the project registers. */
export function kernelSpec(root = PROJECT_ROOT): Record<string, unknown> {
  const patch = zmqPatchPath(root);
  const preload = fs.existsSync(patch) ? ["--require", patch] : [];
  return {
    // The absolute Node and tslab paths: works when neither `node` nor `tslab` is on Jupyter's PATH.
    argv: [process.execPath, ...preload, tslabBinary(root), "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { "emergence-lab": { project: root } },
  };
}

/**
 * Write the kernelspec into `<dataDir>/kernels/emergence-lab/kernel.json` (no Python needed).
 * Idempotent: rewrites only when the content changed. Returns the folder and whether it changed.
 */
export function registerKernel(options: { root?: string; dataDir?: string } = {}): { dir: string; changed: boolean } {
  const root = options.root ?? PROJECT_ROOT;
  const dataDir = options.dataDir ?? jupyterDirs(root).data;
  const dir = path.join(dataDir, "kernels", KERNEL_NAME);
  const file = path.join(dir, "kernel.json");
  const text = JSON.stringify(kernelSpec(root), null, 1) + "\n";
  fs.mkdirSync(dir, { recursive: true });
  let old = "";
  try {
    old = fs.readFileSync(file, "utf8");
  } catch {
    // first registration
  }
  if (old === text) return { dir, changed: false };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
  return { dir, changed: true };
}

/** What a Python interpreter offers. */
export interface PythonInfo {
  python: string;
  version: string;
  modules: { nbclient: boolean; notebook: boolean; notebookMajor: number | null; jupyterlab: boolean; nbformat: boolean };
  /** Versions of the Jupyter packages found (null when missing). */
  versions: { notebook: string | null; jupyterlab: string | null; plotly: string | null };
}

const PROBE = `
import json, sys
out = {"version": sys.version.split()[0]}
for m in ("nbclient", "notebook", "jupyterlab", "nbformat", "plotly"):
    try:
        mod = __import__(m)
        out[m] = getattr(mod, "__version__", "?")
    except Exception:
        out[m] = None
print(json.dumps(out))
`;

/** Probe one interpreter; null when it cannot run. */
export function probePython(python: string): PythonInfo | null {
  const r = spawnSync(python, ["-c", PROBE], { encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0 || !r.stdout) return null;
  try {
    const o = JSON.parse(r.stdout.trim().split("\n").pop() as string) as Record<string, string | null>;
    const nb = o.notebook;
    return {
      python,
      version: String(o.version),
      modules: {
        nbclient: o.nbclient != null,
        notebook: nb != null,
        notebookMajor: nb ? Number.parseInt(nb, 10) : null,
        jupyterlab: o.jupyterlab != null,
        nbformat: o.nbformat != null,
      },
      versions: { notebook: o.notebook ?? null, jupyterlab: o.jupyterlab ?? null, plotly: o.plotly ?? null },
    };
  } catch {
    return null;
  }
}

/** The project's own Python environment, made by `npm run lab -- --install-jupyter`. */
export function projectVenv(root = PROJECT_ROOT): { dir: string; python: string; pip: string } {
  const dir = path.join(root, ".jupyter", "venv");
  const bin = process.platform === "win32" ? path.join(dir, "Scripts") : path.join(dir, "bin");
  const exe = process.platform === "win32" ? ".exe" : "";
  return { dir, python: path.join(bin, `python${exe}`), pip: path.join(bin, `pip${exe}`) };
}

/**
 * Candidate interpreters: only $EMERGENCE_LAB_PYTHON when it is set; otherwise the project's own
 * environment (.jupyter/venv) if it exists, python3 and python on PATH, then Debian's /usr/bin/python3.
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT): string[] {
  if (env.EMERGENCE_LAB_PYTHON) return [env.EMERGENCE_LAB_PYTHON];
  const venv = projectVenv(root).python;
  return [...new Set([...(fs.existsSync(venv) ? [venv] : []), "python3", "python", "/usr/bin/python3"])];
}

/** Which notebook UI a Python would start, and its name as a reader knows it. */
export function notebookUi(py: PythonInfo, preferNotebook = false): { module: "jupyterlab" | "notebook"; name: string; classic: boolean } | null {
  const v = py.versions;
  if (py.modules.jupyterlab && !(preferNotebook && py.modules.notebook)) return { module: "jupyterlab", name: `JupyterLab ${v.jupyterlab}`, classic: false };
  if (!py.modules.notebook) return null;
  const classic = (py.modules.notebookMajor ?? 7) < 7;
  return { module: "notebook", name: classic ? `the classic Notebook ${v.notebook}` : `Notebook ${v.notebook}`, classic };
}

/**
 * The first interpreter that has what `want` asks for (e.g. nbclient, or a notebook UI), or null.
 * A pyenv `python3` first on PATH often cannot see Debian's Jupyter packages; the search goes on.
 */
export function findPython(want: (p: PythonInfo) => boolean, env: NodeJS.ProcessEnv = process.env): PythonInfo | null {
  for (const py of pythonCandidates(env)) {
    const info = probePython(py);
    if (info && want(info)) return info;
  }
  return null;
}

/** How to get Jupyter, printed when none is found. */
export const INSTALL_JUPYTER_HINT = [
  "No Python with Jupyter was found (tried $EMERGENCE_LAB_PYTHON if set, else .jupyter/venv, python3, python and /usr/bin/python3).",
  "Install one of:",
  "  in this project:   npm run lab -- --install-jupyter   (a virtual environment in .jupyter/venv with JupyterLab and Notebook)",
  "  JupyterLab:        python3 -m pip install jupyterlab",
  "  Notebook 7:        python3 -m pip install notebook",
  "  Debian/Ubuntu:     sudo apt-get install jupyter-notebook python3-nbclient",
  "Then run `npm run lab` again (or set EMERGENCE_LAB_PYTHON=/path/to/python).",
  "The lessons themselves need no Python: `npm run lessons` runs them with tslab directly.",
].join("\n");
