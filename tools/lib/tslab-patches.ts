/**
 * Two fixes to tslab 1.0.22, applied at load time by the kernel preload (tslab-zmq-patch.ts), so that the
 * runner's kernels and the registered kernelspec behave the same:
 *
 * 1. Object shorthand across cells. tslab compiles each cell as a module whose earlier cells' declarations
 *    live in a declaration file; at emit, its transformer rewrites every identifier that refers to such a
 *    declaration into `exports.name`. The shorthand property `{ x }` holds `x` as the property's *name*:
 *    the checker resolves that name to the new property, not to the variable, so tslab leaves it alone and
 *    the emitted `{ x }` fails with "x is not defined". (Rewriting the name itself would not do either:
 *    `{ exports.x }` is not JavaScript.) The fix turns such a shorthand into `{ x: exports.x }`
 *    (`{ x: exports.x = init }` in a destructuring assignment), asking the checker which variable the
 *    shorthand's value refers to.
 * 2. `kernel_info_reply` gets `debugger: false` (tslab omits the field, and JupyterLab then logs
 *    "No active debugger session" for every executed cell).
 * 3. What a cell writes to stdout and stderr is sent in batches, as ipykernel does, instead of one message
 *    per write: a cell printing in a tight loop sent ~100,000 messages a second, more than any front-end
 *    (the runner included) can take in. A batch goes out when it holds 64 KiB, when its first write is
 *    50 ms old (so output of a long synchronous loop still arrives live), when the event loop is free, and
 *    before any other message of the kernel (the zeromq send patch calls `flushPendingOutput` first), so
 *    the order of outputs, displays and replies is kept. A single huge write is sent in 64 KiB pieces.
 *    And a cell that prints without end is slowed down to 8 MB/s after its first 8 MB (a token bucket; the
 *    cell sleeps): a front-end that reads slower than the kernel prints (the runner on a busy machine, a
 *    browser) would otherwise queue the difference in memory. No lesson comes near that rate.
 *
 * tslab's transformer is a closure inside `createConverter`, out of reach from outside; the converter's
 * source is therefore patched as Node compiles it: one call to `rewriteShorthand` below is inserted at the
 * top of tslab's identifier visitor. When the anchor text is not found (another tslab version), nothing is
 * changed and a warning names the file.
 * Set EMERGENCE_LAB_TSLAB_PATCH=0 to disable all three (to observe tslab's own behaviour).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The start of tslab 1.0.22's identifier visitor (in `getCustomTransformers(checker, declsFile, ...)`). */
const VISITOR_ANCHOR = "function wrapPrevIdentifier(node) {";

/**
 * tslab's converter source with a call to `rewriteShorthand` (from the module `helperModule`) inserted at the
 * top of its identifier visitor; null when the source does not have the expected shape.
 */
export function patchConverterSource(source: string, helperModule: string): string | null {
  const at = source.indexOf(VISITOR_ANCHOR);
  if (at < 0 || source.indexOf(VISITOR_ANCHOR, at + 1) >= 0) return null;
  if (!/function getCustomTransformers\(checker, declsFile,/.test(source)) return null;
  const end = at + VISITOR_ANCHOR.length;
  const call =
    ` if (ts.isShorthandPropertyAssignment(node)) {` +
    ` const rewritten = require(${JSON.stringify(helperModule)}).rewriteShorthand(ts, checker, declsFile, node, wrapPrevIdentifier);` +
    ` if (rewritten !== undefined) return rewritten; }`;
  return source.slice(0, end) + call + source.slice(end);
}

/* The parts of the TypeScript API used below (tslab's bundled TypeScript 5.0; typed loosely on purpose: this
   project compiles against its own TypeScript, whose node types are not tslab's). */
interface TsNode {
  kind: number;
  getSourceFile(): unknown;
}
interface TsShorthand extends TsNode {
  name: { text: string };
  objectAssignmentInitializer?: TsNode;
}
interface TsSymbol {
  declarations?: TsNode[];
}
interface TsChecker {
  resolveName?(name: string, location: TsNode, meaning: number, excludeGlobals: boolean): TsSymbol | undefined;
  getShorthandAssignmentValueSymbol(node: TsNode): TsSymbol | undefined;
}
interface TsFactory {
  createIdentifier(name: string): TsNode;
  createPropertyAccessExpression(expr: TsNode, name: TsNode): TsNode;
  createBinaryExpression(left: TsNode, op: number, right: TsNode): TsNode;
  createPropertyAssignment(name: string, init: TsNode): TsNode;
}
interface Ts {
  factory: TsFactory;
  SymbolFlags: { Value: number; Alias: number };
  SyntaxKind: { EqualsToken: number };
  getParseTreeNode(node: TsNode): TsNode | undefined;
  visitNode(node: TsNode, visitor: (n: TsNode) => TsNode, test?: unknown): TsNode;
  setTextRange<T>(node: T, range: TsNode): T;
  setOriginalNode<T>(node: T, original: TsNode): T;
}

/**
 * The replacement for a shorthand property `{ x }` whose value `x` is declared by an earlier cell:
 * `{ x: exports.x }` (with a destructuring default, `{ x: exports.x = init }`). Undefined when the
 * shorthand refers to anything else (tslab's visitor then goes on as before).
 */
export function rewriteShorthand(ts: Ts, checker: TsChecker, declsFile: unknown, node: TsShorthand, visitor: (n: TsNode) => TsNode): TsNode | undefined {
  const original = (ts.getParseTreeNode(node) ?? node) as TsShorthand;
  const name = original.name.text;
  // The symbol the value refers to, aliases (imports) unresolved, as tslab's own visitor sees identifiers.
  const symbol =
    typeof checker.resolveName === "function"
      ? checker.resolveName(name, original, ts.SymbolFlags.Value | ts.SymbolFlags.Alias, false)
      : checker.getShorthandAssignmentValueSymbol(original);
  if (!symbol?.declarations?.some((d) => d.getSourceFile() === declsFile)) return undefined;
  const f = ts.factory;
  const value = f.createPropertyAccessExpression(f.createIdentifier("exports"), f.createIdentifier(name));
  const init = node.objectAssignmentInitializer ? ts.visitNode(node.objectAssignmentInitializer, visitor) : undefined;
  const assignment = f.createPropertyAssignment(name, init ? f.createBinaryExpression(value, ts.SyntaxKind.EqualsToken, init) : value);
  return ts.setOriginalNode(ts.setTextRange(assignment, node), node);
}

/** A kernel_info_reply content with `debugger: false` added (kept when the kernel already says). */
export function withDebuggerField<T extends object>(reply: T): T & { debugger: boolean } {
  const r = reply as T & { debugger?: unknown };
  return { ...reply, debugger: typeof r.debugger === "boolean" ? r.debugger : false };
}

type WriteStream = (name: string, text: string) => void;

/** Blocks the calling thread for `ms` milliseconds (the cell waits; timers and I/O threads go on). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Options of {@link StreamBatcher}; `now`, `schedule` and `sleep` are injectable for tests. */
export interface StreamBatcherOptions {
  /** Flush when this many characters are queued; longer writes are split into pieces of this size. */
  maxChars: number;
  /** Flush when the oldest queued write is this old. */
  maxDelayMs: number;
  /** Sustained rate allowed (characters per second), with a burst of as many. */
  maxCharsPerSecond: number;
  now: () => number;
  schedule: (f: () => void) => void;
  sleep: (ms: number) => void;
}

const DEFAULT_BATCHER: StreamBatcherOptions = {
  maxChars: 64 * 1024,
  maxDelayMs: 50,
  maxCharsPerSecond: 8_000_000,
  now: Date.now,
  schedule: setImmediate,
  sleep: sleepSync,
};

/** Batches stream writes and bounds their rate (see 3. above). */
export class StreamBatcher {
  private pending: Array<{ name: string; write: WriteStream; text: string }> = [];
  private pendingChars = 0;
  private firstAt = 0;
  private scheduled = false;
  private flushing = false;
  private readonly opts: StreamBatcherOptions;
  /** Token bucket of the rate limit: characters that may still be sent without waiting. */
  private tokens: number;
  private refilledAt: number;

  constructor(options: Partial<StreamBatcherOptions> = {}) {
    this.opts = { ...DEFAULT_BATCHER, ...options };
    this.tokens = this.opts.maxCharsPerSecond;
    this.refilledAt = this.opts.now();
  }

  /** Queues `text` for the stream `name` of the cell whose `writeStream` is given. */
  write(name: string, write: WriteStream, text: string): void {
    if (text === "") return;
    for (let at = this.opts.maxChars; text.length > at; at = this.opts.maxChars) {
      // A huge single write: queue it piece by piece (each piece may trigger a flush).
      this.write(name, write, text.slice(0, at));
      text = text.slice(at);
    }
    const last = this.pending[this.pending.length - 1];
    if (last && last.name === name && last.write === write) {
      last.text += text;
    } else {
      if (this.pending.length === 0) this.firstAt = this.opts.now();
      this.pending.push({ name, write, text });
    }
    this.pendingChars += text.length;
    if (this.pendingChars >= this.opts.maxChars || this.opts.now() - this.firstAt >= this.opts.maxDelayMs) {
      this.flush();
    } else if (!this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Takes `chars` from the token bucket, sleeping first when the bucket would go below zero. */
  private throttle(chars: number): void {
    const rate = this.opts.maxCharsPerSecond;
    const now = this.opts.now();
    this.tokens = Math.min(rate, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    this.tokens -= chars;
    if (this.tokens < 0) {
      const waitMs = Math.ceil((-this.tokens / rate) * 1000);
      this.opts.sleep(waitMs);
      this.tokens = 0;
      this.refilledAt = this.opts.now();
    }
  }

  /** Sends everything queued, in order. Re-entrant calls (from the sends themselves) do nothing. */
  flush(): void {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    try {
      const batch = this.pending;
      const chars = this.pendingChars;
      this.pending = [];
      this.pendingChars = 0;
      this.throttle(chars);
      for (const b of batch) b.write(b.name, b.text);
    } finally {
      this.flushing = false;
    }
  }
}

let batcher: StreamBatcher | null = null;


/** Sends the queued stream output now (called before every other message the kernel sends). */
export function flushPendingOutput(): void {
  batcher?.flush();
}

type Compile = (this: { exports: unknown }, content: string, filename: string) => unknown;

/**
 * Installs both fixes for the tslab in `tslabDir`: must run before tslab loads its converter (a preload).
 * Returns what was applied; warnings go to stderr.
 */
export function installTslabPatches(tslabDir: string): { converter: boolean; kernelInfo: boolean; batching: boolean } {
  const applied = { converter: false, kernelInfo: false, batching: false };
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  };
  const converterFile = real(path.join(tslabDir, "dist", "converter.js"));
  const jupyterFile = real(path.join(tslabDir, "dist", "jupyter.js"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("node:module") as { prototype: { _compile: Compile } };
  const compile = Module.prototype._compile;
  const pending = new Set([converterFile, jupyterFile]);
  Module.prototype._compile = function patchedCompile(content: string, filename: string): unknown {
    if (!pending.has(filename)) return compile.call(this, content, filename);
    pending.delete(filename);
    if (pending.size === 0) Module.prototype._compile = compile;
    if (filename === converterFile) {
      const patched = patchConverterSource(content, __filename);
      if (patched === null) {
        process.stderr.write(`tslab-patches: ${filename} does not have the expected shape; object shorthand across cells is not fixed\n`);
        return compile.call(this, content, filename);
      }
      applied.converter = true;
      return compile.call(this, patched, filename);
    }
    const result = compile.call(this, content, filename);
    type Writer = (buffer: string | Uint8Array, encoding?: unknown) => boolean;
    const impl = (
      this.exports as {
        JupyterHandlerImpl?: { prototype: { handleKernel?: () => object; createWriteToIopub?: (name: string, writeStream: WriteStream) => Writer } };
      }
    ).JupyterHandlerImpl;
    const handleKernel = impl?.prototype.handleKernel;
    if (impl && typeof handleKernel === "function") {
      impl.prototype.handleKernel = function handleKernelWithDebugger(this: unknown): object {
        return withDebuggerField(handleKernel.call(this));
      };
      applied.kernelInfo = true;
    } else {
      process.stderr.write(`tslab-patches: ${filename} has no JupyterHandlerImpl.handleKernel; kernel_info_reply is not changed\n`);
    }
    if (impl && typeof impl.prototype.createWriteToIopub === "function") {
      const decoder = new TextDecoder();
      const b = (batcher = new StreamBatcher());
      impl.prototype.createWriteToIopub = function batchedWriteToIopub(name: string, writeStream: WriteStream): Writer {
        return (buffer) => {
          b.write(name, writeStream, typeof buffer === "string" ? buffer : decoder.decode(buffer));
          return true;
        };
      };
      applied.batching = true;
    } else {
      process.stderr.write(`tslab-patches: ${filename} has no JupyterHandlerImpl.createWriteToIopub; stream output is not batched\n`);
    }
    return result;
  };
  return applied;
}
