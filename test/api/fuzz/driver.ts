/**
 * Runs the property test's cases (child.ts) in child processes with a capped V8 heap, watching each
 * one: a case that runs past `caseTimeoutMs` or a process whose resident memory passes `rssLimitMb`
 * is killed (SIGKILL, by its pid) and recorded as "timeout" / "memory"; a process that dies by itself
 * (e.g. "JavaScript heap out of memory") is recorded as "crash". The run then resumes after that
 * case, so one bad case cannot hide the others.
 *
 * Command line (compare two builds of the library):
 *   node .out/test/api/fuzz/driver.js [--lib dist/index.js] [--count 120] [--json out.json]
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { GOOD, type Outcome } from "./cases";
import { allCases, type ChildPlan } from "./child";

export interface DriverOptions {
  /** Kill a case after this long (ms). */
  caseTimeoutMs: number;
  /** Kill a child whose resident set passes this (MiB). */
  rssLimitMb: number;
  /** --max-old-space-size of the children (MiB). */
  maxOldSpaceMb: number;
  /** Children run side by side, each on a contiguous share of the cases. */
  shards: number;
}

export interface CaseReport {
  i: number;
  fn: string;
  o: Outcome;
  ms?: number;
  d?: string;
  m?: string;
}

export interface FuzzSummary {
  total: number;
  functions: number;
  counts: Record<Outcome, number>;
  bad: CaseReport[];
  /** Outcome counts per function. */
  byFunction: Record<string, Partial<Record<Outcome, number>>>;
  elapsedMs: number;
  restarts: number;
  /** The five slowest calls. */
  slowest: CaseReport[];
}

const CHILD = path.join(__dirname, "child.js");

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Run cases [from, to) in children until all have an outcome. */
async function runRange(plan: ChildPlan, from: number, to: number, opts: DriverOptions, out: CaseReport[], starts: { restarts: number }): Promise<void> {
  let next = from;
  while (next < to) {
    const done = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [`--max-old-space-size=${opts.maxOldSpaceMb}`, CHILD, JSON.stringify(plan), String(next), String(to)], {
        stdio: ["ignore", "ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr!.on("data", (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-2000);
      });
      let inFlight: { s: number; fn: string; d: string } | null = null;
      let started = Date.now();
      let killedFor: Outcome | null = null;
      let ended = false;
      let last = next;
      let buf = "";
      (child.stdio[3] as Readable).on("data", (b: Buffer) => {
        buf += b.toString();
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const msg = JSON.parse(line);
          if (typeof msg.s === "number") {
            inFlight = msg;
            started = Date.now();
          } else if (typeof msg.i === "number") {
            out.push(msg as CaseReport);
            inFlight = null;
            last = msg.i + 1;
          } else if (msg.end) ended = true;
        }
      });
      const watch = setInterval(() => {
        if (killedFor) return;
        if (inFlight && Date.now() - started > opts.caseTimeoutMs) killedFor = "timeout";
        else if (rssMb(child.pid!) > opts.rssLimitMb) killedFor = "memory";
        if (killedFor) child.kill("SIGKILL");
      }, 20);
      child.on("error", reject);
      child.on("close", (code, signal) => {
        clearInterval(watch);
        if (ended && code === 0) return resolve(to);
        const f = inFlight as { s: number; fn: string; d: string } | null;
        if (!f) return reject(new Error(`property test child exited (code ${code}, signal ${signal}) outside a case after case ${last - 1}:\n${stderr}`));
        const why: Outcome = killedFor ?? "crash";
        const tail = stderr.trim().split("\n").filter((l) => /error|memory|fatal/i.test(l)).slice(-2).join(" | ");
        out.push({ i: f.s, fn: f.fn, o: why, d: f.d, m: why === "crash" ? `exit ${code ?? signal}: ${tail}` : why === "timeout" ? `> ${opts.caseTimeoutMs} ms` : `> ${opts.rssLimitMb} MiB resident` });
        starts.restarts++;
        resolve(f.s + 1);
      });
    });
    next = done;
  }
}

/** Run every case of the library at `plan.lib`; returns the outcome counts and the bad cases. */
export async function runFuzz(plan: ChildPlan, opts: DriverOptions): Promise<FuzzSummary> {
  const t0 = Date.now();
  const lib = require(plan.lib);
  const { cases } = allCases(lib, plan.count);
  const total = cases.length;
  const out: CaseReport[] = [];
  const starts = { restarts: 0 };
  const shards = Math.max(1, opts.shards);
  const size = Math.ceil(total / shards);
  await Promise.all(Array.from({ length: shards }, (_, s) => runRange(plan, s * size, Math.min(total, (s + 1) * size), opts, out, starts)));
  out.sort((a, b) => a.i - b.i);
  const counts = Object.fromEntries(["named", "budget", "accepted", "vague", "wrongfn", "engine", "silent", "slow", "timeout", "memory", "crash"].map((k) => [k, 0])) as Record<Outcome, number>;
  const byFunction: FuzzSummary["byFunction"] = {};
  for (const r of out) {
    counts[r.o]++;
    const f = (byFunction[r.fn] ??= {});
    f[r.o] = (f[r.o] ?? 0) + 1;
  }
  return {
    total,
    functions: new Set(cases.map((c) => c.fn)).size,
    counts,
    bad: out.filter((r) => !GOOD.includes(r.o)),
    byFunction,
    elapsedMs: Date.now() - t0,
    restarts: starts.restarts,
    slowest: out.filter((r) => typeof r.ms === "number").sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 5),
  };
}

/** A one-line-per-outcome text of a summary. */
export function summaryText(s: FuzzSummary): string {
  const parts = Object.entries(s.counts).map(([k, v]) => `${k} ${v}`);
  return `${s.total} cases over ${s.functions} functions in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.restarts} child restarts): ${parts.join(", ")}`;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const arg = (name: string, def: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : def;
  };
  const root = path.resolve(__dirname, "..", "..", "..", "..");
  const plan: ChildPlan = {
    lib: path.resolve(arg("lib", path.join(root, "dist", "index.js"))),
    count: Number(arg("count", "120")),
    budget: JSON.parse(arg("budget", JSON.stringify({ maxBytes: 64 * 2 ** 20, maxSteps: 2e7 }))),
    slowMs: Number(arg("slow-ms", "2000")),
  };
  runFuzz(plan, { caseTimeoutMs: Number(arg("timeout-ms", "10000")), rssLimitMb: Number(arg("rss-mb", "1024")), maxOldSpaceMb: 512, shards: Number(arg("shards", "1")) })
    .then((s) => {
      console.log(summaryText(s));
      console.log(`  slowest: ${s.slowest.map((r) => `${r.fn} ${r.ms} ms`).join(", ")}`);
      const bySig = new Map<string, number>();
      for (const b of s.bad) bySig.set(`${b.o} ${b.fn}`, (bySig.get(`${b.o} ${b.fn}`) ?? 0) + 1);
      for (const [k, v] of [...bySig].sort()) console.log(`  ${k}: ${v}`);
      const json = arg("json", "");
      if (json) fs.writeFileSync(json, JSON.stringify(s, null, 1));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
