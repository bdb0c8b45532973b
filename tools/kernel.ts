/**
 * `npm run kernel`: register the tslab TypeScript kernel for this project.
 *
 * Writes `.jupyter/data/kernels/emergence-lab/kernel.json` (project-local, no Python needed) with
 * absolute paths of Node and the installed tslab, so it works when no `tslab` is on PATH.
 * Idempotent. `--user` also registers it in your per-user Jupyter data folder, so a Jupyter you
 * start yourself (outside `npm run lab`) lists it.
 */
import * as os from "node:os";
import * as path from "node:path";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, jupyterDirs, registerKernel } from "./jupyter-env";

/** The per-user Jupyter data folder, as Jupyter computes it (jupyter_core.paths.jupyter_data_dir). */
function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? path.join(home, "AppData", "Roaming"), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "jupyter");
}

function main(): void {
  const args = process.argv.slice(2);
  for (const a of args) {
    if (a !== "--user") {
      console.error(`kernel: unknown option ${a}; expected no option or --user`);
      process.exit(2);
    }
  }
  const d = jupyterDirs();
  const local = registerKernel();
  console.log(`${local.changed ? "Registered" : "Already registered"}: kernel "${KERNEL_NAME}" (${KERNEL_DISPLAY_NAME})`);
  console.log(`  kernelspec: ${path.join(local.dir, "kernel.json")}`);
  console.log(`  Jupyter finds it when JUPYTER_PATH includes ${d.data}`);
  console.log(`  (npm run lab sets that for you; for your own Jupyter: export JUPYTER_PATH=${d.data})`);
  if (args.includes("--user")) {
    const user = registerKernel({ dataDir: userDataDir() });
    console.log(`${user.changed ? "Registered" : "Already registered"} for your user: ${path.join(user.dir, "kernel.json")}`);
  }
}

main();
