/**
 * The watchdog of `npm run lab` (started by tools/lab.ts, never by hand): a small detached process
 * that stops the Jupyter server, its kernels and the watch build when the launcher or the process
 * that started it goes away — also when that happens by SIGKILL, or when `npm` is terminated and
 * the launcher is left behind. Ctrl-C in the launcher's terminal is handled by the launcher itself;
 * the watchdog then only sweeps what is left.
 *
 * It polls the launcher's ancestry (each watched process must still exist with the same parent),
 * then: SIGTERM to the launcher if it is still there, SIGTERM to the server's and the watcher's
 * process groups (the server shuts its kernels down), up to `graceMs` for the server to exit, and
 * SIGKILL to everything left: the groups, every kernel whose connection file lies in the launch's
 * runtime folder (kernels run in their own sessions) and all their descendants. Finally it removes
 * the launch's runtime folder (token file) and the state file if it still names this launch.
 *
 * Usage: node .out/tools/lab-watchdog.js '<WatchPlan as JSON>'
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { groupMembers, isAlive, kernelFilePrefix, pidsWithArgument, processInfo, processTable, signal, withDescendants } from "./lib/processes";

/** What the watchdog watches and what it stops. */
export interface WatchPlan {
  /** The launcher (tools/lab.js). */
  launcher: number;
  /**
   * Processes that must stay, each with the parent it had at start (-1: any parent): the launcher
   * and its callers up to npm.
   */
  chain: { pid: number; ppid: number }[];
  /** Process groups to stop: the Jupyter server's and the watch build's. */
  groups: number[];
  /** The Jupyter server's pid (its exit ends the grace period). */
  server: number | null;
  /** The launch's Jupyter runtime folder: kernels are the processes that name a connection file in it. */
  runtimeDir: string;
  /** The state file; removed only while it still names this launcher. */
  stateFile: string;
  /** Poll interval and grace period in milliseconds. */
  pollMs: number;
  graceMs: number;
  /** Where to append one line per action (optional). */
  logFile?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(plan: WatchPlan, msg: string): void {
  if (!plan.logFile) return;
  try {
    fs.appendFileSync(plan.logFile, `${new Date().toISOString()} watchdog ${process.pid} (launcher ${plan.launcher}): ${msg}\n`);
  } catch {
    // logging is best effort
  }
}

/** The first link of the chain that is gone or has a new parent, or null when all hold. */
export function brokenLink(chain: WatchPlan["chain"]): { pid: number; why: string } | null {
  for (const { pid, ppid } of chain) {
    const p = processInfo(pid);
    if (!p) return { pid, why: "exited" };
    if (ppid !== -1 && p.ppid !== ppid) return { pid, why: `its parent ${ppid} went away (new parent ${p.ppid})` };
  }
  return null;
}

/** Everything of this launch that is still running: group members, kernels and their descendants. */
function leftovers(plan: WatchPlan): number[] {
  const table = processTable();
  const roots = [...plan.groups.flatMap((g) => groupMembers(g, table)), ...pidsWithArgument(kernelFilePrefix(plan.runtimeDir), table)];
  const all = withDescendants(roots, table);
  all.delete(process.pid);
  return [...all];
}

/** Stops everything of the launch (see the module comment) and cleans up its files. */
export async function sweep(plan: WatchPlan): Promise<number[]> {
  if (isAlive(plan.launcher)) signal(plan.launcher, "SIGTERM");
  // Remember the kernels and their children now: once the server is gone they are harder to find.
  const before = leftovers(plan);
  for (const g of plan.groups) signal(-g, "SIGTERM");
  const t0 = Date.now();
  while (plan.server !== null && isAlive(plan.server) && Date.now() - t0 < plan.graceMs) await sleep(100);
  const killed = new Set<number>();
  for (let round = 0; round < 3; round++) {
    const targets = new Set([...before, ...leftovers(plan)].filter((p) => p !== process.pid && isAlive(p)));
    if (targets.size === 0) break;
    for (const g of plan.groups) signal(-g, "SIGKILL");
    for (const p of targets) if (signal(p, "SIGKILL")) killed.add(p);
    await sleep(200);
  }
  fs.rmSync(plan.runtimeDir, { recursive: true, force: true });
  try {
    const state = JSON.parse(fs.readFileSync(plan.stateFile, "utf8")) as { pid?: number };
    if (state.pid === plan.launcher) fs.rmSync(plan.stateFile, { force: true });
  } catch {
    // no state file, or not ours
  }
  return [...killed];
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? "") as WatchPlan;
  // Terminal signals are not ours to obey: only the chain decides (SIGTERM ends the watchdog alone).
  for (const sig of ["SIGINT", "SIGHUP"] as const) process.on(sig, () => log(plan, `ignored ${sig}`));
  log(plan, `watching ${plan.chain.map((c) => c.pid).join(" <- ")}`);
  for (;;) {
    const broken = brokenLink(plan.chain);
    if (broken) {
      log(plan, `${broken.pid} ${broken.why}; stopping the server, kernels and watch build`);
      const killed = await sweep(plan);
      log(plan, killed.length ? `killed ${killed.join(" ")}` : "nothing was left running");
      process.exit(0);
    }
    await sleep(plan.pollMs);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`lab-watchdog: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}

/** Path of the compiled watchdog script (for the launcher). */
export const WATCHDOG_SCRIPT = path.join(__dirname, "lab-watchdog.js");
