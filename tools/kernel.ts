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
import { parseArgs } from "node:util";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, jupyterDirs, registerKernel } from "./jupyter-env";

/** The per-user Jupyter data folder, as Jupyter computes it (jupyter_core.paths.jupyter_data_dir). */
function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? path.join(home, "AppData", "Roaming"), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "jupyter");
}

const USAGE = "usage: npm run kernel [-- --user]";

function main(): void {
  let user = false;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: false, options: { user: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    user = Boolean(values.user);
  } catch (e) {
    console.error(`kernel: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const d = jupyterDirs();
  const local = registerKernel();
  console.log(`${local.changed ? "Registered" : "Already registered"}: kernel "${KERNEL_NAME}" (${KERNEL_DISPLAY_NAME})`);
  console.log(`  kernelspec: ${path.join(local.dir, "kernel.json")}`);
  console.log(`  Jupyter finds it when JUPYTER_PATH includes ${d.data}`);
  console.log(`  (npm run lab sets that for you; for your own Jupyter: export JUPYTER_PATH=${d.data})`);
  if (user) {
    const user = registerKernel({ dataDir: userDataDir() });
    console.log(`${user.changed ? "Registered" : "Already registered"} for your user: ${path.join(user.dir, "kernel.json")}`);
  }
}

main();
