/**
 * The process table: parent, group and command line of every process (from Linux's /proc, parsed by
 * process-tree.ts, or from `ps` where there is no /proc, as on macOS), descendants of a set of
 * processes, and signals that tolerate processes that are already gone. (process-tree.ts follows one
 * kernel's processes over time; this module answers one-off questions about the table.)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { hasProcfs, parseStat } from "./process-tree";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Arguments joined by spaces ("" for kernel threads and processes that are gone). */
  cmdline: string;
}

const HAS_PROC = hasProcfs();

/** Rows of `ps -o pid=,ppid=,pgid=,stat=,args=` (for systems without /proc). */
function psRows(args: string[]): ProcessInfo[] {
  const r = spawnSync("ps", [...args, "-o", "pid=,ppid=,pgid=,stat=,args="], { encoding: "utf8" });
  if (r.status !== 0 || !r.stdout) return [];
  const out: ProcessInfo[] = [];
  for (const line of r.stdout.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s*(.*)$/.exec(line);
    if (m && !m[4].startsWith("Z")) out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), cmdline: m[5].trim() });
  }
  return out;
}

/** One process (parent, group, command line); null when it is gone, a zombie, or unreadable. */
export function processInfo(pid: number): ProcessInfo | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (!HAS_PROC) return psRows(["-p", String(pid)])[0] ?? null;
  let stat;
  try {
    stat = parseStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
  if (!stat || stat.state === "Z") return null; // a zombie has exited; only its parent's wait is missing
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    // unreadable command line: keep the rest
  }
  return { pid, ppid: stat.ppid, pgid: stat.pgrp, cmdline };
}

/** Every process visible to this user. */
export function processTable(): ProcessInfo[] {
  if (!HAS_PROC) return psRows(["-A"]);
  let names: string[] = [];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  const out: ProcessInfo[] = [];
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    const p = processInfo(Number(n));
    if (p) out.push(p);
  }
  return out;
}

/** Whether a process exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  return processInfo(pid) !== null;
}

/** The pids of `roots` and of all their descendants (children, grandchildren, ...), in one table. */
export function withDescendants(roots: Iterable<number>, table: ProcessInfo[] = processTable()): Set<number> {
  const children = new Map<number, number[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop() as number;
    if (out.has(pid)) continue;
    out.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Pids of processes whose command line contains `needle` (never this process). */
export function pidsWithArgument(needle: string, table: ProcessInfo[] = processTable()): number[] {
  return table.filter((p) => p.pid !== process.pid && p.cmdline.includes(needle)).map((p) => p.pid);
}

/** Pids of the members of a process group. */
export function groupMembers(pgid: number, table: ProcessInfo[] = processTable()): number[] {
  return table.filter((p) => p.pgid === pgid).map((p) => p.pid);
}

/** Sends a signal to a process (or a group, with a negative pid); false when there is none. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** Connection-file prefix of the kernels a Jupyter server with this runtime folder starts. */
export function kernelFilePrefix(runtimeDir: string): string {
  return `${runtimeDir}${path.sep}kernel-`;
}
