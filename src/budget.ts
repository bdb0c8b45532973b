/**
 * Memory and work budgets of the library: one library-wide setting read by every function whose
 * memory or running time grows with an argument (graph sizes, numbers of samples, trials, points).
 * Such a function estimates what a call needs BEFORE allocating or looping and throws a
 * {@link BudgetError} when the estimate is above the budget, so a mistyped size (1e9 skills instead
 * of 1e3) fails at once with a message instead of filling the machine's memory or running for hours.
 *
 * Defaults: 1 GiB of memory per call (typed arrays and objects the call creates) and 5e9 work
 * steps per call (a step is one inner-loop iteration, about 10 nanoseconds: 5e9 is about a minute).
 * Raise them for a bigger machine or a longer run with `setBudget({ maxBytes: 8 * 2 ** 30 })` or
 * `setBudget({ maxSteps: 5e10 })`; `setBudget` returns the previous budget, so it can be restored.
 */

/** The per-call limits. */
export interface Budget {
  /** Bytes one call may allocate (estimated before allocating). Default 2^30 (1 GiB). */
  maxBytes: number;
  /** Work steps (inner-loop iterations) one call may take. Default 5e9 (about a minute). */
  maxSteps: number;
}

const DEFAULT_BUDGET: Readonly<Budget> = Object.freeze({ maxBytes: 2 ** 30, maxSteps: 5e9 });

let current: Budget = { ...DEFAULT_BUDGET };

/** The budget in force (a copy). */
export function getBudget(): Budget {
  return { ...current };
}

/**
 * Change the library-wide budget (missing fields keep their value; `setBudget({})` changes nothing,
 * `setBudget({ maxBytes: 2 ** 30, maxSteps: 5e9 })` restores the defaults). Returns the previous
 * budget. Each limit must be a number > 0 (Infinity switches that check off).
 */
export function setBudget(budget: Partial<Budget>): Budget {
  if (budget === null || typeof budget !== "object" || Array.isArray(budget) || ArrayBuffer.isView(budget)) {
    throw new TypeError(`setBudget: budget must be an object { maxBytes?, maxSteps? }, got ${budget === null ? "null" : Array.isArray(budget) || ArrayBuffer.isView(budget) ? "an array" : typeof budget}`);
  }
  const next = { ...current };
  for (const key of ["maxBytes", "maxSteps"] as const) {
    const v = budget[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v > 0)) {
      throw new RangeError(`setBudget: ${key} must be a number > 0 (Infinity for no limit), got ${typeof v === "number" ? v : JSON.stringify(v) ?? String(v)}`);
    }
    next[key] = v;
  }
  for (const key of Object.keys(budget)) {
    if (key !== "maxBytes" && key !== "maxSteps") throw new RangeError(`setBudget: budget has an unknown field ${JSON.stringify(key)}; expected maxBytes or maxSteps`);
  }
  const previous = current;
  current = next;
  return { ...previous };
}

/** Thrown when a call would need more memory or work than the budget allows (a RangeError). */
export class BudgetError extends RangeError {
  /** "memory" (bytes) or "work" (steps). */
  readonly kind: "memory" | "work";
  /** The estimate for the call. */
  readonly needed: number;
  /** The budget it exceeded. */
  readonly limit: number;
  constructor(message: string, kind: "memory" | "work", needed: number, limit: number) {
    super(message);
    this.name = "BudgetError";
    this.kind = kind;
    this.needed = needed;
    this.limit = limit;
  }
}

/** Bytes for reading: "512 MiB", "24.0 GiB", "3.1e+4 GiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  if (bytes < 2 ** 20) return `${Math.ceil(bytes / 1024)} KiB`;
  if (bytes < 2 ** 30) return `${Math.round(bytes / 2 ** 20)} MiB`;
  const g = bytes / 2 ** 30;
  return g < 1e4 ? `${g.toFixed(1)} GiB` : `${g.toExponential(1)} GiB`;
}

function formatSteps(steps: number): string {
  return Number.isFinite(steps) ? steps.toExponential(1).replace("e+", "e") : String(steps);
}

/**
 * Throw a BudgetError unless `bytes` fits the memory budget. `what` says what would be allocated and
 * from which arguments (e.g. "the edge list and CSR of about 2e9 edges for n = 1e5, p = 0.4");
 * `advice` names the arguments to lower. NaN counts as over the budget.
 */
export function checkBytes(fn: string, bytes: number, what: string, advice = "use smaller arguments"): void {
  const limit = current.maxBytes;
  if (bytes <= limit) return;
  throw new BudgetError(
    `${fn}: needs about ${formatBytes(bytes)} for ${what}, above the memory budget of ${formatBytes(limit)} per call; ` +
      `${advice}, or raise the budget with setBudget({ maxBytes: ${Number.isFinite(bytes) ? bytes.toExponential(1) : "Infinity"} }) if the machine has the memory`,
    "memory",
    bytes,
    limit,
  );
}

/** Throw a BudgetError unless `steps` fits the work budget (same message shape as checkBytes). */
export function checkSteps(fn: string, steps: number, what: string, advice = "use smaller arguments"): void {
  const limit = current.maxSteps;
  if (steps <= limit) return;
  throw new BudgetError(
    `${fn}: needs about ${formatSteps(steps)} work steps for ${what}, above the work budget of ${formatSteps(limit)} steps per call (about a minute per 5e9); ` +
      `${advice}, or raise the budget with setBudget({ maxSteps: ${Number.isFinite(steps) ? steps.toExponential(1) : "Infinity"} })`,
    "work",
    steps,
    limit,
  );
}

/**
 * A meter for work whose amount is known only while it runs (an optimiser's evaluations): `add`
 * counts steps and throws the same BudgetError as {@link checkSteps} once the total passes the budget.
 */
export function workMeter(fn: string, what: string, advice = "use smaller arguments"): { add(steps: number): void; total(): number } {
  let total = 0;
  return {
    add(steps: number): void {
      total += steps;
      if (total > current.maxSteps) checkSteps(fn, total, what, advice);
    },
    total: () => total,
  };
}
