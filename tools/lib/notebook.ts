/**
 * Reading and writing Jupyter notebooks (nbformat 4, https://nbformat.readthedocs.io/en/latest/format_description.html)
 * and turning Jupyter iopub messages into nbformat outputs, the way nbclient does.
 * No dependencies beyond node's fs/crypto. The one place in tools/ that reads, checks and writes notebooks.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { writeFileAtomic } from "./atomic-write";

/** A multiline string as nbformat stores it: one string, or a list of lines (each keeping its "\n"). */
export type MultilineString = string | string[];

export interface NotebookCell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: MultilineString;
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

export type MimeBundle = Record<string, unknown>;

export type NotebookOutput =
  | { output_type: "stream"; name: string; text: MultilineString }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number | null; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** Joins a multiline string into one string. */
export function joinSource(source: MultilineString | undefined): string {
  if (source === undefined) return "";
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text into lines that keep their "\n", as nbformat writes multiline strings (nbformat `split_lines`). */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    if (last) {
      if (lines[i] !== "") out.push(lines[i]);
    } else {
      out.push(lines[i] + "\n");
    }
  }
  return out;
}

/** Whether a MIME type carries JSON (kept as an object, never split into lines), as nbformat decides. */
export function isJsonMime(mime: string): boolean {
  return mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

/** A mime bundle with every text value split into lines (JSON MIME types kept as they are). */
export function splitBundle(data: MimeBundle): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    out[mime] = typeof value === "string" && !isJsonMime(mime) ? splitLines(value) : value;
  }
  return out;
}

/** Reads and minimally validates a notebook file; throws an Error naming the file on bad JSON or structure. */
export function readNotebook(file: string): Notebook {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`readNotebook: cannot read ${file}: ${(e as Error).message}`);
  }
  return parseNotebook(raw, file);
}

/** Parses and validates notebook JSON (nbformat 4, every cell well formed); `file` names it in errors. */
export function parseNotebook(raw: string, file: string): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(raw);
  } catch (e) {
    throw new Error(`readNotebook: ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof nb !== "object" || nb === null || Array.isArray(nb)) {
    throw new Error(`readNotebook: ${file} is not an nbformat notebook (expected a JSON object with "nbformat" and "cells", got ${describeValue(nb)})`);
  }
  const o = nb as Record<string, unknown>;
  if (o.nbformat === 3 || (o.nbformat === undefined && Array.isArray(o.worksheets))) {
    throw new Error(
      `readNotebook: ${file} is an nbformat 3 notebook (its cells sit in "worksheets"); this runner reads nbformat 4. ` +
        `Open it in Jupyter and save it (Jupyter converts it), or run \`jupyter nbconvert --to notebook --nbformat 4 --inplace ${file}\`.`,
    );
  }
  if (typeof o.nbformat !== "number") {
    throw new Error(`readNotebook: ${file} is not an nbformat notebook (expected a number "nbformat", got ${describeValue(o.nbformat)})`);
  }
  if (o.nbformat !== 4) throw new Error(`readNotebook: ${file} has nbformat ${o.nbformat}; expected 4`);
  if (!Array.isArray(o.cells)) throw new Error(`readNotebook: ${file} is not an nbformat notebook (expected a list "cells", got ${describeValue(o.cells)})`);
  if (o.metadata !== undefined && !isPlainObject(o.metadata)) {
    throw new Error(`readNotebook: ${file}: "metadata" must be an object, got ${describeValue(o.metadata)}`);
  }
  const cells = o.cells.map((c: unknown, i: number) => checkCell(c, i, file));
  return {
    nbformat: 4,
    nbformat_minor: typeof o.nbformat_minor === "number" ? o.nbformat_minor : 0,
    metadata: (o.metadata ?? {}) as Record<string, unknown>,
    cells,
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A short description of a JSON value for error messages: its type and a glimpse of it. */
function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v);
  return `${typeof v} ${text.length > 40 ? text.slice(0, 37) + "..." : text}`;
}

const CELL_TYPES = new Set(["code", "markdown", "raw"]);

/** One cell, checked: an object with a known cell_type, a string (or list of strings) source, object metadata. */
function checkCell(c: unknown, i: number, file: string): NotebookCell {
  const where = `readNotebook: ${file}: cell index ${i}`;
  if (!isPlainObject(c)) throw new Error(`${where} must be an object, got ${describeValue(c)}`);
  if (typeof c.cell_type !== "string" || !CELL_TYPES.has(c.cell_type)) {
    throw new Error(`${where}: "cell_type" must be "code", "markdown" or "raw", got ${describeValue(c.cell_type)}`);
  }
  const source = c.source;
  if (!(typeof source === "string" || (Array.isArray(source) && source.every((l) => typeof l === "string")))) {
    throw new Error(`${where} (${c.cell_type}): "source" must be a string or a list of strings, got ${describeValue(source)}`);
  }
  if (c.metadata !== undefined && !isPlainObject(c.metadata)) {
    throw new Error(`${where} (${c.cell_type}): "metadata" must be an object, got ${describeValue(c.metadata)}`);
  }
  if (c.outputs !== undefined && !Array.isArray(c.outputs)) {
    throw new Error(`${where} (${c.cell_type}): "outputs" must be a list, got ${describeValue(c.outputs)}`);
  }
  return { ...(c as unknown as NotebookCell), metadata: (c.metadata ?? {}) as Record<string, unknown> };
}

/** Kernel names that run this pack's TypeScript. */
const TYPESCRIPT_KERNELS = new Set(["emergence-lab", "tslab", "typescript"]);

/**
 * Why this notebook is not for a TypeScript kernel (its kernelspec or language_info names another
 * language), or null when it is, or says nothing (a new notebook may have no metadata yet).
 */
export function kernelLanguageProblem(nb: Notebook): string | null {
  const spec = nb.metadata.kernelspec;
  if (isPlainObject(spec)) {
    const language = typeof spec.language === "string" ? spec.language : undefined;
    const name = typeof spec.name === "string" ? spec.name : undefined;
    const typescript = language !== undefined ? language.toLowerCase() === "typescript" : name !== undefined ? TYPESCRIPT_KERNELS.has(name) : true;
    if (!typescript) {
      const label = [name && `"${name}"`, language && `language ${language}`].filter(Boolean).join(", ");
      return `its kernelspec (${label}) is not TypeScript; this runner runs TypeScript notebooks in tslab only`;
    }
    return null;
  }
  const info = nb.metadata.language_info;
  if (isPlainObject(info) && typeof info.name === "string" && info.name.toLowerCase() !== "typescript") {
    return `its language (${info.name}) is not TypeScript; this runner runs TypeScript notebooks in tslab only`;
  }
  return null;
}

/**
 * A copy of the notebook ready to execute: nbformat 4.5 with a unique id on every cell (existing ids kept,
 * missing or duplicate ones replaced), code cells with no outputs and no execution count. Metadata is kept.
 */
export function prepareForExecution(nb: Notebook): Notebook {
  const seen = new Set<string>();
  const cells = nb.cells.map((cell) => {
    const c: NotebookCell = { ...cell, metadata: { ...(cell.metadata ?? {}) } };
    let id = typeof c.id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(c.id) ? c.id : undefined;
    while (id === undefined || seen.has(id)) id = crypto.randomBytes(4).toString("hex");
    seen.add(id);
    c.id = id;
    if (c.cell_type === "code") {
      c.outputs = [];
      c.execution_count = null;
    }
    return c;
  });
  return { nbformat: 4, nbformat_minor: Math.max(5, nb.nbformat_minor), metadata: nb.metadata, cells };
}

/** Serialises a notebook as Jupyter writes it on disk: keys sorted, indent 1, non-ASCII kept, trailing newline. */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

/** A copy of a JSON value with every object's keys in sorted order (nbformat's layout). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Writes a notebook atomically (see atomic-write.ts). */
export function writeNotebookAtomic(file: string, nb: Notebook): void {
  writeFileAtomic(file, serializeNotebook(nb));
}

/** A Jupyter message as received on iopub (only the parts the output collector reads). */
export interface IopubMessage {
  msg_type: string;
  content: Record<string, unknown>;
}

/** The default limit on what one cell may store (bytes of text and data), as `--max-output-bytes` sets it. */
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** How much of what a cell wrote to stderr after its limit was reached is still kept (its last characters). */
const STDERR_TAIL_CHARS = 4096;

/** UTF-8 size of a string. */
function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** The longest start of `s` that fits in `bytes` UTF-8 bytes (never splitting a character). */
function utf8Head(s: string, bytes: number): string {
  if (bytes <= 0) return "";
  const head = Buffer.from(s, "utf8").subarray(0, bytes).toString("utf8");
  return head.endsWith("\uFFFD") && !s.startsWith(head) ? head.slice(0, -1) : head;
}

/** Size of a mime bundle as stored: strings by their UTF-8 bytes, JSON values by their serialised length. */
function bundleBytes(data: MimeBundle): number {
  let n = 0;
  for (const v of Object.values(data)) n += typeof v === "string" ? utf8Bytes(v) : utf8Bytes(JSON.stringify(v) ?? "");
  return n;
}

/** "812.3 MiB", "5.0 KiB", "17 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** What a cell had to leave out because of the output limit. */
export interface DroppedOutput {
  bytes: number;
  messages: number;
}

/**
 * Collects the iopub outputs of a notebook's cells into nbformat outputs, as nbclient does:
 * consecutive stream outputs of the same name are merged, `update_display_data` replaces the data of
 * every earlier output (in any cell) with the same transient `display_id`, `clear_output` empties the cell.
 *
 * What one cell may store is limited to `maxBytesPerCell` (like Jupyter's output limits): the first part is
 * kept, everything after is counted and dropped as it arrives (so memory stays bounded however much a cell
 * prints), and `finishCell` appends a visible note saying how much was dropped, followed by the last few
 * kilobytes the cell wrote to stderr after the cut (where an error message would be). Error outputs are
 * always kept. A `clear_output` empties the cell and its budget.
 */
export class OutputCollector {
  private displays = new Map<string, Array<{ data: MimeBundle; metadata: Record<string, unknown> }>>();
  private clearPending = false;
  private stored = 0;
  private capped = false;
  private dropped: DroppedOutput = { bytes: 0, messages: 0 };
  private stderrTail = "";

  constructor(readonly maxBytesPerCell: number = DEFAULT_MAX_OUTPUT_BYTES) {
    if (!(Number.isInteger(maxBytesPerCell) && maxBytesPerCell > 0)) {
      throw new RangeError(`OutputCollector: maxBytesPerCell must be a positive integer, got ${maxBytesPerCell}`);
    }
  }

  private drop(bytes: number): void {
    this.dropped.bytes += bytes;
    this.dropped.messages += 1;
  }

  private clear(outputs: NotebookOutput[]): void {
    outputs.length = 0;
    this.stored = 0;
    this.capped = false;
  }

  /** Applies one iopub message to `cell` (a code cell); returns true when it changed the cell's outputs. */
  apply(cell: NotebookCell, msg: IopubMessage): boolean {
    const outputs = (cell.outputs ??= []);
    const content = msg.content;
    switch (msg.msg_type) {
      case "stream":
      case "display_data":
      case "execute_result":
      case "error":
        if (this.clearPending) {
          this.clear(outputs);
          this.clearPending = false;
        }
        break;
    }
    switch (msg.msg_type) {
      case "stream": {
        const name = String(content.name ?? "stdout");
        let text = String(content.text ?? "");
        const bytes = utf8Bytes(text);
        if (this.capped || this.stored + bytes > this.maxBytesPerCell) {
          const kept = this.capped ? "" : utf8Head(text, this.maxBytesPerCell - this.stored);
          this.capped = true;
          this.drop(bytes - utf8Bytes(kept));
          if (name === "stderr") this.stderrTail = (this.stderrTail + text.slice(kept.length)).slice(-STDERR_TAIL_CHARS);
          if (!kept) return false;
          text = kept;
        }
        this.stored += utf8Bytes(text);
        const last = outputs[outputs.length - 1];
        if (last && last.output_type === "stream" && last.name === name) {
          // Only the last (possibly unterminated) line can join the new text: re-split just that, so a cell
          // printing n lines costs O(n), not O(n^2) (20,000 lines took 10 s when the whole text was re-split).
          const lines = Array.isArray(last.text) ? last.text : splitLines(last.text);
          const joined = splitLines((lines.pop() ?? "") + text);
          for (const l of joined) lines.push(l);
          last.text = lines;
        } else {
          outputs.push({ output_type: "stream", name, text: splitLines(text) });
        }
        return true;
      }
      case "display_data":
      case "execute_result": {
        const raw = (content.data ?? {}) as MimeBundle;
        const bytes = bundleBytes(raw);
        if (this.capped || this.stored + bytes > this.maxBytesPerCell) {
          this.capped = true;
          this.drop(bytes);
          return false;
        }
        this.stored += bytes;
        const data = splitBundle(raw);
        const metadata = { ...((content.metadata ?? {}) as Record<string, unknown>) };
        const out =
          msg.msg_type === "display_data"
            ? { output_type: "display_data" as const, data, metadata }
            : {
                output_type: "execute_result" as const,
                execution_count: typeof content.execution_count === "number" ? content.execution_count : null,
                data,
                metadata,
              };
        outputs.push(out);
        const displayId = displayIdOf(content);
        if (displayId !== undefined) {
          const list = this.displays.get(displayId) ?? [];
          list.push(out);
          this.displays.set(displayId, list);
        }
        return true;
      }
      case "update_display_data": {
        const displayId = displayIdOf(content);
        if (displayId === undefined) return false;
        const targets = this.displays.get(displayId) ?? [];
        const raw = (content.data ?? {}) as MimeBundle;
        // An update replaces what is stored; one larger than a whole cell's limit is dropped.
        const bytes = bundleBytes(raw);
        if (bytes > this.maxBytesPerCell) {
          this.drop(bytes);
          return false;
        }
        for (const t of targets) {
          t.data = splitBundle(raw);
          t.metadata = { ...((content.metadata ?? {}) as Record<string, unknown>) };
        }
        return targets.length > 0;
      }
      case "error": {
        outputs.push({
          output_type: "error",
          ename: String(content.ename ?? ""),
          evalue: String(content.evalue ?? ""),
          traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
        });
        return true;
      }
      case "clear_output": {
        if (content.wait) {
          this.clearPending = true;
        } else {
          this.clear(outputs);
          this.clearPending = false;
        }
        return true;
      }
      default:
        return false;
    }
  }

  /** Call when a new cell starts: a pending clear_output(wait=True) does not carry over; the budget is renewed. */
  startCell(): void {
    this.clearPending = false;
    this.stored = 0;
    this.capped = false;
    this.dropped = { bytes: 0, messages: 0 };
    this.stderrTail = "";
  }

  /**
   * Call when a cell has finished (or was stopped): when output was dropped, appends the note saying how much
   * (and the end of what the cell wrote to stderr after the cut). Returns what was dropped.
   */
  finishCell(cell: NotebookCell): DroppedOutput {
    const dropped = { ...this.dropped };
    if (dropped.bytes > 0 || dropped.messages > 0) {
      const messages = `${dropped.messages.toLocaleString("en-US")} message${dropped.messages === 1 ? "" : "s"}`;
      let note =
        `\n[output truncated: this cell's output reached the limit of ${formatBytes(this.maxBytesPerCell)}; ` +
        `${formatBytes(dropped.bytes)} more (${messages}) were not stored. ` +
        `The limit is set with \`npm run lessons -- --max-output-bytes N\`.]\n`;
      if (this.stderrTail) note += `[the end of what the cell wrote to stderr after the cut:]\n${this.stderrTail}${this.stderrTail.endsWith("\n") ? "" : "\n"}`;
      (cell.outputs ??= []).push({ output_type: "stream", name: "stderr", text: splitLines(note) });
    }
    this.dropped = { bytes: 0, messages: 0 };
    this.stderrTail = "";
    return dropped;
  }
}

function displayIdOf(content: Record<string, unknown>): string | undefined {
  const transient = content.transient as Record<string, unknown> | undefined;
  const id = transient?.display_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** All text a cell wrote to one stream ("stdout" or "stderr"). */
export function streamText(cell: NotebookCell, name: string): string {
  let text = "";
  for (const o of cell.outputs ?? []) {
    if (o.output_type === "stream" && o.name === name) text += joinSource(o.text);
  }
  return text;
}
