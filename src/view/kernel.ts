/**
 * The link to a running tslab kernel: send one display bundle with several MIME types, or update
 * an earlier one by its display id. Outside a kernel (plain Node) nothing is sent and callers
 * print a text form instead.
 *
 * tslab's public `display.raw` sends one MIME type per call; its internal
 * `require("tslab/dist/jupyter").lastWriteDisplayData` (set for every execute request) sends a
 * whole `display_data` / `update_display_data` message content, which is what Jupyter front-ends
 * need to choose the best representation of one output (Jupyter messaging spec, "Display Data").
 */
import * as path from "node:path";

/** The content of a display_data message (Jupyter messaging protocol 5.x). */
export interface DisplayContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string };
}

type WriteDisplayData = (content: DisplayContent, update: boolean) => void;

interface TslabJupyterModule {
  lastWriteDisplayData: WriteDisplayData | null;
}

let cached: TslabJupyterModule[] | null = null;

/** tslab's jupyter module as loaded by the kernel process (the library's copy, then the kernel's). */
function tslabModules(): TslabJupyterModule[] {
  if (cached) return cached;
  const found: TslabJupyterModule[] = [];
  const tryLoad = (load: () => unknown) => {
    try {
      const m = load() as TslabJupyterModule;
      if (m && "lastWriteDisplayData" in m && !found.includes(m)) found.push(m);
    } catch {
      // tslab not resolvable from here
    }
  };
  tryLoad(() => require("tslab/dist/jupyter"));
  // A kernel started from another install of tslab (e.g. a global one): resolve from its binary.
  const main = process.argv[1];
  if (main && /tslab/.test(main)) {
    tryLoad(() => require(require.resolve("tslab/dist/jupyter", { paths: [path.dirname(main)] })));
  }
  cached = found;
  return found;
}

function writer(): WriteDisplayData | null {
  for (const m of tslabModules()) {
    if (typeof m.lastWriteDisplayData === "function") return m.lastWriteDisplayData;
  }
  return null;
}

/** True when running inside a tslab kernel that is executing (or has executed) a cell. */
export function inKernel(): boolean {
  return writer() !== null;
}

/**
 * Sends one display bundle to the front-end. With `displayId`, the output can later be replaced by
 * {@link updateDisplay}. Returns false (and sends nothing) outside a kernel.
 */
export function sendDisplay(
  data: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
  displayId?: string,
): boolean {
  const write = writer();
  if (!write) return false;
  write({ data, metadata, transient: displayId ? { display_id: displayId } : {} }, false);
  return true;
}

/** Replaces the output sent earlier with the same display id (update_display_data). */
export function updateDisplay(
  displayId: string,
  data: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): boolean {
  const write = writer();
  if (!write) return false;
  write({ data, metadata, transient: { display_id: displayId } }, true);
  return true;
}

let counter = 0;

/**
 * A page-unique id for a display or a DOM element: time-based prefix plus a counter (no random
 * numbers; re-running a cell gives a new id so old and new outputs never share an element id).
 */
export function uniqueViewId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}`;
}
