/**
 * Bad-input cases for every exported function, generated with fast-check, and the judge of one call.
 *
 * A case starts from the function's valid argument list (specs.ts) and replaces or deletes one or
 * two leaves (a positional argument, a field of an options object, a field one or two levels down,
 * the first element of an array) with a bad value: NaN, ±Infinity, negatives, fractions, huge
 * sizes, numeric strings, wrong types, null/undefined, a missing field. Generation is seeded per
 * function (a hash of its name), so the same library gives the same cases, and a function's cases do
 * not change when another export is added.
 *
 * The judge (`classify`) sorts each call into one outcome:
 *   good: "named"    threw an Error whose message names the function and one of its arguments
 *         "budget"   threw the library's budget error naming the function (memory or work)
 *         "accepted" returned a value that passes the contract (finite numbers, no "NaN" text)
 *   bad:  "vague"    threw an Error naming the function but none of its arguments
 *         "wrongfn"  threw a library-style message ("name: ...") of another function (an inner call)
 *         "engine"   threw something that does not name the function (an engine TypeError, ...)
 *         "silent"   returned a non-finite number or "NaN"/"undefined" text where it promises none
 *         "slow"     took longer than the per-case limit (the driver also kills hung cases)
 *   and, seen only by the driver: "timeout", "memory" (past the RSS cap), "crash" (process died).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import fc from "fast-check";
import type { Spec } from "./specs";

export type Outcome = "named" | "budget" | "accepted" | "vague" | "wrongfn" | "engine" | "silent" | "slow" | "timeout" | "memory" | "crash";
export const GOOD: readonly Outcome[] = ["named", "budget", "accepted"];

/** A path into the argument list: [argIndex, key | index, ...]. */
export type Path = (string | number)[];

const DELETE = Symbol("delete");
const FUNC = (): number => 1;

/** One bad value: a fixed one, or a factor applied to the original number. */
type Bad = { kind: "value"; value: unknown } | { kind: "scale"; factor: number } | { kind: "shift"; by: number };

const SPECIAL: unknown[] = [
  NaN, Infinity, -Infinity, -1, -0.5, 0, -0, 0.5, 1.5, 2, 3.7, 1e300, -1e300, 2 ** 53, 2 ** 53 + 2, 2 ** 32, 1e9, 1e12,
  Number.MIN_VALUE, Number.MAX_VALUE, "3", "", "abc", null, undefined, true, false, {}, [], [NaN], [-1], [1e300], [1e9],
  3n, DELETE, FUNC, new Float64Array(0), new Uint8Array(3),
];

const badArb: fc.Arbitrary<Bad> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...SPECIAL).map((value): Bad => ({ kind: "value", value })) },
  { weight: 3, arbitrary: fc.double().map((value): Bad => ({ kind: "value", value })) },
  { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 2 ** 40 }).map((value): Bad => ({ kind: "value", value: value * 1024 })) },
  { weight: 5, arbitrary: fc.constantFrom(1e3, 1e6, 1e9, 1e12, 1e15, 1e300, -1, 1e-300).map((factor): Bad => ({ kind: "scale", factor })) },
  { weight: 1, arbitrary: fc.constantFrom(0.5, -0.5, 1e-9).map((by): Bad => ({ kind: "shift", by })) },
);

/** One generated case: which leaves get which bad values. */
export interface Case {
  fn: string;
  index: number;
  edits: { path: Path; bad: Bad }[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Every mutable leaf of a valid argument list (depth <= 4; arrays: first element only). */
export function leaves(args: unknown[], keep?: RegExp): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path, depth: number): void => {
    if (!keep || !keep.test(path.join("."))) out.push(path);
    if (depth >= 4) return;
    if (Array.isArray(v)) {
      if (v.length > 0) walk(v[0], [...path, 0], depth + 1);
    } else if (isPlainObject(v)) {
      for (const key of Object.keys(v)) walk(v[key], [...path, key], depth + 1);
    }
  };
  args.forEach((a, i) => walk(a, [i], 1));
  return out;
}

/** FNV-1a hash of a string: a per-function seed. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Generic bad argument lists for a function without a spec: up to 3 positional bad values. */
const GENERIC_ARITY = 3;

/** The cases of one function (deterministic for its name and spec). */
export function casesFor(fn: string, spec: Spec | undefined, validArgs: unknown[] | undefined, count: number): Case[] {
  const paths = validArgs ? leaves(validArgs, spec?.keep) : Array.from({ length: GENERIC_ARITY }, (_, i) => [i] as Path);
  const pathArb = fc.integer({ min: 0, max: paths.length - 1 });
  const editArb = fc.record({ p: pathArb, bad: badArb });
  const arb = fc.array(editArb, { minLength: 1, maxLength: 2 });
  const samples = fc.sample(arb, { seed: hash(fn), numRuns: count });
  return samples.map((edits, index) => ({ fn, index, edits: edits.map((e) => ({ path: paths[e.p], bad: e.bad })) }));
}

function badValue(bad: Bad, original: unknown): unknown {
  if (bad.kind === "value") return bad.value;
  if (typeof original !== "number") return bad.kind === "scale" ? bad.factor : bad.by;
  return bad.kind === "scale" ? original * bad.factor : original + bad.by;
}

/** Copy `root` along `path` and set (or delete) the leaf. */
function setPath(root: unknown[], path: Path, bad: Bad): unknown[] {
  const top = root.slice();
  let parent: any = top;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (last) {
      const v = badValue(bad, parent[key]);
      if (v === DELETE) {
        if (Array.isArray(parent)) parent[key as number] = undefined;
        else delete parent[key];
      } else parent[key] = v;
      break;
    }
    const child = parent[key];
    if (Array.isArray(child)) parent[key] = child.slice();
    else if (isPlainObject(child)) parent[key] = { ...child };
    else return top; // the path no longer exists (an earlier edit replaced a parent)
    parent = parent[key];
  }
  return top;
}

/** The argument list of a case. */
export function applyCase(c: Case, validArgs: unknown[] | undefined): unknown[] {
  let args = validArgs ?? [];
  for (const e of c.edits) args = setPath(args, e.path, e.bad);
  return args;
}

/** A short text of a value for reports. */
export function describe(v: unknown): string {
  if (v === DELETE) return "(deleted)";
  if (typeof v === "function") return "function";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "undefined";
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  try {
    const s = JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "..." : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

export function describeCase(c: Case): string {
  return c.edits.map((e) => `${e.path.join(".")} = ${e.bad.kind === "value" ? describe(e.bad.value) : e.bad.kind === "scale" ? `x${e.bad.factor}` : `+${e.bad.by}`}`).join(", ");
}

/** Parameter names of a function from its source (`function f(a, options = {})` -> ["a", "options"]). */
export function parameterNames(f: (...a: unknown[]) => unknown): string[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(f));
  if (!m) return [];
  return m[1].split(",").map((p) => p.trim().split(/[\s=]/)[0]).filter((p) => /^[A-Za-z_$][\w$]*$/.test(p));
}

/** Every name a message may use for an argument of this call: parameter names and keys of the valid arguments. */
export function argumentNames(f: (...a: unknown[]) => unknown, validArgs: unknown[] | undefined): Set<string> {
  const names = new Set<string>(parameterNames(f));
  names.add("options");
  for (const p of validArgs ? leaves(validArgs) : []) for (const k of p) if (typeof k === "string") names.add(k);
  return names;
}

function mentions(message: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_])${esc}(?![A-Za-z0-9_])`).test(message);
}

/** Contract check of a returned value: the first violation found, or null. */
export function contractViolation(value: unknown, allow?: RegExp): string | null {
  const seen = new Set<unknown>();
  let budget = 200000; // elements inspected at most
  const bad = (v: unknown, path: string): string | null => {
    if (budget-- <= 0) return null;
    if (typeof v === "number") {
      if (!Number.isFinite(v) && !(allow && allow.test(path))) return `${path || "result"} = ${v}`;
      return null;
    }
    if (typeof v === "string") {
      if (/(?<![A-Za-z])(NaN|undefined)(?![A-Za-z])|\[object Object\]/.test(v) && !(allow && allow.test(path))) {
        return `${path || "result"} = ${JSON.stringify(v.length > 80 ? v.slice(0, 77) + "..." : v)}`;
      }
      return null;
    }
    if (v === null || typeof v !== "object" || seen.has(v)) return null;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const a = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < a.length && budget-- > 0; i++) {
        const x = a[i];
        if (typeof x === "number" && !Number.isFinite(x) && !(allow && allow.test(`${path}[${i}]`))) return `${path}[${i}] = ${x}`;
      }
      return null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const r = bad(v[i], `${path}[${i}]`);
        if (r) return r;
      }
      return null;
    }
    for (const key of Object.keys(v)) {
      const r = bad((v as Record<string, unknown>)[key], `${path}.${key}`);
      if (r) return r;
    }
    return null;
  };
  return bad(value, "");
}

/** Classify one call. */
export function classify(
  fn: string,
  names: Set<string>,
  outcome: { threw: true; error: unknown } | { threw: false; value: unknown },
  allow: RegExp | undefined,
  generic = false,
): { outcome: Outcome; detail: string } {
  if (!outcome.threw) {
    const v = contractViolation(outcome.value, allow);
    return v ? { outcome: "silent", detail: v } : { outcome: "accepted", detail: "" };
  }
  const e = outcome.error;
  const message = e instanceof Error ? e.message : String(e);
  const detail = `${e instanceof Error ? e.name : typeof e}: ${message.length > 220 ? message.slice(0, 217) + "..." : message}`;
  if (!(e instanceof Error) || !mentions(message, fn)) {
    return { outcome: /^[A-Za-z][\w.]*( \([^)]*\))?: /.test(message) ? "wrongfn" : "engine", detail };
  }
  if (e.name === "BudgetError" && /budget/.test(message)) return { outcome: "budget", detail };
  for (const n of names) if (mentions(message, n)) return { outcome: "named", detail };
  // Without a table entry the argument names are unknown: "fn: <identifier> must|is|has ..." names one.
  if (generic && new RegExp(`${fn}: [A-Za-z_][\\w.\\[\\]]* (must|is|has|and)\\b`).test(message)) return { outcome: "named", detail };
  return { outcome: "vague", detail };
}
