/**
 * One updating progress line for long computations. In a tslab kernel it is a single output that
 * is replaced in place (update_display_data with a display id), at most ~10 times per second.
 * In plain Node it writes one line to stderr when done (and a carriage-return line on a TTY).
 * The project's kernel sends each update as it is made, so the line moves even while a synchronous
 * loop keeps the kernel busy (no need to yield to the event loop between ticks).
 */
import { escapeHtml, formatDuration } from "./format";
import { inKernel, sendDisplay, uniqueViewId, updateDisplay } from "./kernel";

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** What is being computed, e.g. "simulating 200 skill graphs". */
  label: string;
  /** Number of steps (ticks) expected; a positive integer. */
  total: number;
  /** Minimum milliseconds between two visible updates (default 100, i.e. <= 10 updates/s). */
  intervalMs?: number;
  /** Clock in milliseconds (inject one for reproducible timings); default performance.now. */
  now?: () => number;
  /** Where updates go; default: the kernel display, else stderr. */
  sink?: (state: ProgressState, final: boolean) => void;
}

/** What a progress line shows. */
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
  /** True in the last update, sent by done(). */
  finished?: boolean;
}

/** The handle returned by {@link progress}. */
export interface Progress {
  /** Advance by n steps (default 1). */
  tick(n?: number): void;
  /** Mark finished (shows the final count and time). Calling twice is harmless. */
  done(): void;
}

/** The text of a progress line: "label: 37/100 (37%) 2.1 s". */
export function progressText(s: ProgressState): string {
  const pct = s.total > 0 ? Math.floor((100 * s.done) / s.total) : 100;
  return `${s.label}: ${s.done}/${s.total} (${pct}%) ${formatDuration(s.elapsedMs)}${s.finished ? ", done" : ""}`;
}

/** The HTML of a progress line: a <progress> bar and the text. */
export function progressHtml(s: ProgressState): string {
  return (
    `<div class="emergence-lab-progress"><progress value="${s.done}" max="${s.total}" style="width:16em;vertical-align:middle"></progress> ` +
    `<span style="font-family:monospace">${escapeHtml(progressText(s))}</span></div>`
  );
}

function defaultSink(): (state: ProgressState, final: boolean) => void {
  if (inKernel()) {
    const id = uniqueViewId("el-progress");
    let sent = false;
    return (state) => {
      const data = { "text/html": progressHtml(state), "text/plain": progressText(state) };
      if (!sent) {
        sendDisplay(data, {}, id);
        sent = true;
      } else {
        updateDisplay(id, data);
      }
    };
  }
  const tty = Boolean(process.stderr.isTTY);
  return (state, final) => {
    if (tty) process.stderr.write(`\r${progressText(state)}${final ? "\n" : ""}`);
    else if (final) process.stderr.write(`${progressText(state)}\n`);
  };
}

/**
 * Starts a progress line. `tick()` is cheap (a counter and a clock read), so it can be called in
 * an inner loop; the display is refreshed at most once per `intervalMs`.
 */
export function progress(options: ProgressOptions): Progress {
  if (!options || typeof options.label !== "string") {
    throw new TypeError(`progress: options.label must be a string, got ${String(options?.label)}`);
  }
  if (!Number.isInteger(options.total) || options.total < 1) {
    throw new RangeError(`progress: total must be a positive integer, got ${String(options.total)}`);
  }
  const interval = options.intervalMs ?? 100;
  if (typeof interval !== "number" || !(interval >= 0)) throw new RangeError(`progress: intervalMs must be a number >= 0, got ${String(interval)}`);
  for (const key of ["now", "sink"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function") throw new TypeError(`progress: ${key} must be a function, got ${typeof options[key]}`);
  }
  const now = options.now ?? (() => performance.now());
  const sink = options.sink ?? defaultSink();
  const start = now();
  let count = 0;
  let last = -Infinity;
  let finished = false;
  const state = (): ProgressState => ({ label: options.label, done: count, total: options.total, elapsedMs: now() - start });
  sink(state(), false);
  last = now();
  return {
    tick(n = 1) {
      if (finished) return;
      if (!Number.isFinite(n) || n < 0) throw new RangeError(`progress.tick: n must be a finite number >= 0, got ${String(n)}`);
      count = Math.min(options.total, count + n);
      const t = now();
      if (t - last >= interval) {
        last = t;
        sink(state(), false);
      }
    },
    done() {
      if (finished) return;
      finished = true;
      sink({ ...state(), finished: true }, true);
    },
  };
}
