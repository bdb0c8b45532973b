/**
 * The child process of the property test: loads the library from `--lib`, builds every exported
 * function's cases (cases.ts) and runs cases [from, to), one at a time. For each case it writes one
 * JSON line to fd 3 before the call ({"s": i, ...}) and one after it ({"i": i, "o": outcome, ...}),
 * so the driver knows which case was running if the process hangs, grows past its memory cap or
 * dies. The library's own output (show, showTable print text outside a kernel) goes to stdout,
 * which the driver ignores.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fs from "node:fs";
import { applyCase, argumentNames, type Case, casesFor, classify, describeCase } from "./cases";
import { buildSpecs, type Spec } from "./specs";

export interface ChildPlan {
  lib: string;
  /** Cases per function. */
  count: number;
  /** Library budget to set before running (only when the library has setBudget). */
  budget?: { maxBytes?: number; maxSteps?: number };
  /** A call slower than this is reported "slow". */
  slowMs: number;
}

/** Exported functions of a library module, by name (classes left out: they are not called). */
export function exportedFunctions(lib: Record<string, unknown>): string[] {
  return Object.keys(lib)
    .filter((k) => typeof lib[k] === "function" && !/^class\b/.test(Function.prototype.toString.call(lib[k])))
    .sort();
}

/** All cases of a library in a fixed order, with each function's spec and valid arguments. */
export function allCases(lib: any, count: number): { cases: Case[]; specs: Record<string, Spec> } {
  const specs = buildSpecs(lib);
  const cases: Case[] = [];
  for (const fn of exportedFunctions(lib)) {
    const spec = specs[fn];
    cases.push(...casesFor(fn, spec, spec?.args(), count));
  }
  cases.forEach((c, i) => (c.index = i));
  return { cases, specs };
}

function main(): void {
  const plan = JSON.parse(process.argv[2]) as ChildPlan;
  const from = Number(process.argv[3]);
  const to = Number(process.argv[4]);
  const lib = require(plan.lib);
  if (plan.budget && typeof lib.setBudget === "function") lib.setBudget(plan.budget);
  const { cases, specs } = allCases(lib, plan.count);
  const write = (o: unknown) => fs.writeSync(3, JSON.stringify(o) + "\n");
  write({ total: cases.length });
  for (let i = from; i < Math.min(to, cases.length); i++) {
    const c = cases[i];
    const spec = specs[c.fn];
    write({ s: i, fn: c.fn, d: describeCase(c) });
    const valid = spec?.args();
    const args = applyCase(c, valid);
    const f = lib[c.fn];
    const t0 = performance.now();
    let result: { threw: true; error: unknown } | { threw: false; value: unknown };
    try {
      result = { threw: false, value: f(...args) };
    } catch (error) {
      result = { threw: true, error };
    }
    const ms = performance.now() - t0;
    // A case may have called setBudget itself: every case runs under the plan's budget.
    if (plan.budget && typeof lib.setBudget === "function") lib.setBudget(plan.budget);
    let { outcome, detail } = classify(c.fn, argumentNames(f, valid), result, spec?.allow ?? (/^checkLesson\d+$/.test(c.fn) ? /^$/ : undefined), spec === undefined);
    if (ms > plan.slowMs && outcome !== "silent") {
      detail = `${Math.round(ms)} ms (${outcome}${detail ? `: ${detail}` : ""})`;
      outcome = "slow";
    }
    write(
      outcome === "named" || outcome === "budget" || outcome === "accepted"
        ? { i, fn: c.fn, o: outcome, ms: Math.round(ms) }
        : { i, fn: c.fn, o: outcome, ms: Math.round(ms), d: describeCase(c), m: detail },
    );
  }
  write({ end: true });
}

if (require.main === module) main();
