/**
 * Finding and ending every process a kernel started, detached or not (Linux, through /proc; elsewhere only
 * the kernel's process group is reached).
 *
 * A kernel leads its own process group and session, so a signal to the group reaches ordinary children. A
 * cell can escape that: `spawn(..., { detached: true })` calls setsid(), and a child whose parent exits is
 * reparented to init, so neither the group nor the parent links lead to it any more. Node cannot make the
 * runner a child subreaper (no prctl), so a process counts as the kernel's when any of these holds:
 * - it descends from the kernel (parent links in /proc/<pid>/stat), or from a process already counted;
 * - it carries the kernel's token in its environment (/proc/<pid>/environ: children inherit it, so an
 *   orphan whose parent exited long ago is still found);
 * - it sits in a session or process group that a counted process was seen in (a detached child's session
 *   outlives the child).
 * What was counted is remembered (pid with its start time, so a reused pid is never mistaken), so the
 * processes found while the kernel ran are still reached after it is gone. Ending them: stop (SIGSTOP) each
 * one found, look again until no new one appears (a stopped process cannot fork), then SIGKILL them all.
 * Everything here is synchronous, so it also works in exit handlers and in the kernel's watchdog thread.
 * The runner looks after every cell and every second; what can still escape is a process started without
 * the kernel's environment whose parent exits before any look (it then has no link left to the kernel).
 */
import * as fs from "node:fs";

/** The environment variable that marks a kernel and everything it starts. */
export const KERNEL_TOKEN_ENV = "EMERGENCE_LAB_KERNEL_TOKEN";

/** One line of /proc/<pid>/stat, the fields used here. */
export interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** Start time in clock ticks after boot: with the pid, identifies a process over time. */
  startTime: number;
  state: string;
}

/** Parses /proc/<pid>/stat text (the command name may hold spaces and parentheses). */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const f = text.slice(close + 2).split(" ");
  const num = (i: number): number => Number(f[i]);
  const stat = { pid: Number(text.slice(0, open).trim()), state: f[0], ppid: num(1), pgrp: num(2), session: num(3), startTime: num(19) };
  return Number.isInteger(stat.pid) && Number.isInteger(stat.ppid) && Number.isFinite(stat.startTime) ? stat : null;
}

/** Whether /proc can be read here (Linux). */
export function hasProcfs(): boolean {
  try {
    return fs.statSync("/proc/self/stat").isFile();
  } catch {
    return false;
  }
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

function listStats(): ProcStat[] {
  let names: string[];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const n of names) {
    if (!/^\d+$/.test(n)) continue;
    const s = readStat(Number(n));
    if (s) out.push(s);
  }
  return out;
}

function hasToken(pid: number, marker: Buffer): boolean {
  try {
    const env = fs.readFileSync(`/proc/${pid}/environ`);
    const at = env.indexOf(marker);
    return at === 0 || (at > 0 && env[at - 1] === 0);
  } catch {
    return false;
  }
}

/** What is known about one kernel's processes; grows with every look. */
export class KernelProcesses {
  /** pid -> start time of every process counted so far. */
  private readonly known = new Map<number, number>();
  private readonly sessions = new Set<number>();
  private readonly groups = new Set<number>();
  private readonly marker: Buffer | null;
  /** The session and group of the process doing the looking (and its ancestors'): never counted. */
  private readonly protectedIds: Set<number>;
  private readonly protectedPids: Set<number>;

  constructor(
    readonly rootPid: number,
    token: string | null,
  ) {
    this.marker = token ? Buffer.from(`${KERNEL_TOKEN_ENV}=${token}\0`) : null;
    const self = readStat(process.pid);
    const root = readStat(rootPid);
    this.protectedPids = new Set([1]);
    this.protectedIds = new Set<number>();
    if (self) {
      // The looker's own session and group, unless it is the kernel looking at itself (its watchdog).
      for (const id of [self.session, self.pgrp]) if (id !== root?.session && id !== root?.pgrp) this.protectedIds.add(id);
      // The looker's ancestors are never the kernel's to end (a kernel looking from inside must spare the runner).
      let p = self.ppid;
      for (let i = 0; i < 64 && p > 1; i++) {
        this.protectedPids.add(p);
        p = readStat(p)?.ppid ?? 0;
      }
    }
    if (rootPid !== process.pid) this.protectedPids.add(process.pid);
    this.protectedPids.delete(rootPid);
    if (root) this.count(root);
  }

  private count(s: ProcStat): void {
    this.known.set(s.pid, s.startTime);
    if (s.session > 1 && !this.protectedIds.has(s.session)) this.sessions.add(s.session);
    if (s.pgrp > 1 && !this.protectedIds.has(s.pgrp)) this.groups.add(s.pgrp);
  }

  /**
   * Looks at every process once and counts the kernel's (see the file comment). Returns the pids counted
   * that are alive now (zombies excluded: they hold nothing and cannot be signalled away).
   */
  look(): number[] {
    if (!hasProcfs()) return [];
    const stats = listStats();
    const byPid = new Map(stats.map((s) => [s.pid, s]));
    const mine = (s: ProcStat): boolean => this.known.get(s.pid) === s.startTime;
    const eligible = (s: ProcStat): boolean => !this.protectedPids.has(s.pid);
    let grew = true;
    const children = new Map<number, ProcStat[]>();
    for (const s of stats) {
      const list = children.get(s.ppid);
      if (list) list.push(s);
      else children.set(s.ppid, [s]);
    }
    // Token, session and group first; then descendants of everything counted; repeat while it grows.
    while (grew) {
      grew = false;
      for (const s of stats) {
        if (mine(s) || !eligible(s)) continue;
        if (this.sessions.has(s.session) || this.groups.has(s.pgrp) || (this.marker && hasToken(s.pid, this.marker))) {
          this.count(s);
          grew = true;
        }
      }
      const queue = stats.filter(mine);
      while (queue.length) {
        const p = queue.pop() as ProcStat;
        for (const c of children.get(p.pid) ?? []) {
          if (mine(c) || !eligible(c)) continue;
          this.count(c);
          grew = true;
          queue.push(c);
        }
      }
    }
    const alive: number[] = [];
    for (const [pid, start] of this.known) {
      const s = byPid.get(pid);
      if (s && s.startTime === start && s.state !== "Z") alive.push(pid);
    }
    return alive;
  }

  /**
   * Ends every process of the kernel: freezes each one found (SIGSTOP) and looks again until nothing new
   * appears, then SIGKILLs them all and the kernel's process group. Returns the pids that were signalled.
   */
  killAll(): number[] {
    const signalled = new Set<number>();
    if (hasProcfs()) {
      for (let round = 0; round < 50; round++) {
        // The process doing this (a kernel ending itself) is not frozen: the group kill below ends it last.
        const found = this.look().filter((p) => !signalled.has(p) && p !== process.pid);
        if (found.length === 0) break;
        for (const pid of found) {
          signal(pid, "SIGSTOP");
          signalled.add(pid);
        }
      }
      for (const pid of signalled) signal(pid, "SIGKILL");
    }
    signal(-this.rootPid, "SIGKILL");
    return [...signalled];
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}
