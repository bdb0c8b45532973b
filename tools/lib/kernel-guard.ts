/**
 * Preloaded into every kernel the notebook runner starts (`node --require kernel-guard.js tslab kernel ...`).
 * The runner keeps a pipe open on the kernel's stdin; when the runner goes away for any reason (even
 * SIGKILL, which it cannot catch) the pipe closes and the kernel kills its own process group, so no kernel
 * (and nothing a cell started) outlives the runner.
 */
export {};

if (process.env.EMERGENCE_LAB_KERNEL_GUARD === "1") {
  delete process.env.EMERGENCE_LAB_KERNEL_GUARD;
  const die = (): void => {
    try {
      process.kill(-process.pid, "SIGKILL"); // the kernel leads its own process group (spawned detached)
    } catch {
      process.exit(137);
    }
  };
  process.stdin.on("end", die);
  process.stdin.on("close", die);
  process.stdin.on("error", die);
  process.stdin.resume();
}
