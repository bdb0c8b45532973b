/**
 * Preloaded into every kernel the notebook runner starts (`node --require kernel-guard.js tslab kernel ...`),
 * so that no kernel (and nothing a cell started, detached or not) outlives the runner, even when the runner
 * is SIGKILLed and can run no cleanup of its own:
 * - the runner keeps a pipe open on the kernel's stdin; when it closes the kernel ends every process it
 *   started (process-tree.ts: descendants, its token in their environment, their sessions) and then its own
 *   process group at once (needs a free event loop);
 * - a watchdog worker thread checks every 500 ms that the runner is still the kernel's parent and otherwise
 *   does the same; it works even while a cell blocks the main thread in an endless loop.
 * The kernel's connection file (which holds its HMAC key) is removed too.
 * Active only when the runner sets EMERGENCE_LAB_KERNEL_GUARD=1.
 */
import { Worker } from "node:worker_threads";
import { KERNEL_TOKEN_ENV, KernelProcesses } from "./process-tree";

export {};

if (process.env.EMERGENCE_LAB_KERNEL_GUARD === "1") {
  delete process.env.EMERGENCE_LAB_KERNEL_GUARD;
  const i = process.argv.indexOf("--config-path");
  const configPath = i >= 0 ? (process.argv[i + 1] ?? "") : "";
  const removeConfig = (): void => {
    try {
      if (configPath) require("node:fs").rmSync(configPath, { force: true });
    } catch {
      // best effort
    }
  };
  const die = (): void => {
    removeConfig();
    try {
      new KernelProcesses(process.pid, process.env[KERNEL_TOKEN_ENV] ?? null).killAll();
    } catch {
      // the group kill below still runs
    }
    try {
      process.kill(-process.pid, "SIGKILL"); // the kernel leads its own process group (spawned detached)
    } catch {
      process.kill(process.pid, "SIGKILL");
    }
  };
  process.stdin.on("end", die);
  process.stdin.on("close", die);
  process.stdin.on("error", die);
  process.stdin.resume();

  const watchdog = `
    const fs = require("node:fs");
    const parent = ${process.ppid}, self = ${process.pid}, configPath = ${JSON.stringify(configPath)};
    function parentGone() {
      try {
        const stat = fs.readFileSync("/proc/self/stat", "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== parent;
      } catch {
        try { process.kill(parent, 0); return false; } catch { return true; }
      }
    }
    const processTree = ${JSON.stringify(require.resolve("./process-tree"))};
    setInterval(() => {
      if (!parentGone()) return;
      try { if (configPath) fs.rmSync(configPath, { force: true }); } catch {}
      try { const t = require(processTree); new t.KernelProcesses(self, process.env[t.KERNEL_TOKEN_ENV] || null).killAll(); } catch {}
      try { process.kill(-self, "SIGKILL"); } catch { process.kill(self, "SIGKILL"); }
    }, 500);
  `;
  new Worker(watchdog, { eval: true }).unref();
}
