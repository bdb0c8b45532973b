/**
 * A minimal Jupyter kernel client: starts a tslab kernel process and talks to it over ZeroMQ with the
 * Jupyter messaging protocol v5.3 (https://jupyter-client.readthedocs.io/en/latest/messaging.html).
 * No Python and no Jupyter server are involved.
 *
 * Wire format of one message (multipart): [routing ids..., "<IDS|MSG>", HMAC-SHA256 hex signature,
 * header, parent_header, metadata, content, buffers...]; the signature covers the four JSON parts.
 *
 * Every wait here has a deadline and also ends when the kernel process exits, so a caller never hangs.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import * as zmq from "zeromq";
import { tslabBinary } from "./paths";
import { freePorts } from "./ports";
import { KERNEL_TOKEN_ENV, KernelProcesses } from "./process-tree";

const DELIM = Buffer.from("<IDS|MSG>");
/** EMERGENCE_LAB_KERNEL_DEBUG=1 logs every message sent and received to stderr. */
const DEBUG = process.env.EMERGENCE_LAB_KERNEL_DEBUG === "1";

function debugLog(line: string): void {
  process.stderr.write(`[kernel-client ${(performance.now() / 1000).toFixed(3)}] ${line}\n`);
}
const PROTOCOL_VERSION = "5.3";
/** How long to wait for the idle status after an execute_reply before going on without it. */
const IDLE_GRACE_MS = 2000;

export interface JupyterHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface JupyterMessage {
  header: JupyterHeader;
  parent_header: Partial<JupyterHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

/** How a kernel process ended. */
export interface KernelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface KernelStartOptions {
  /** Working folder of the kernel (Jupyter uses the notebook's folder). */
  cwd: string;
  /** How long the kernel may take to answer kernel_info_request with its iopub channel live. */
  startupTimeoutMs: number;
  /** Path of tslab's bin script; default: the tslab installed next to this project. */
  tslabBin?: string;
  /** Extra environment for the kernel. */
  env?: NodeJS.ProcessEnv;
}

/** The outcome of one execute_request. */
export type ExecuteOutcome =
  | { kind: "reply"; status: string; executionCount: number | null; content: Record<string, unknown> }
  | { kind: "timeout" }
  | { kind: "died"; exit: KernelExit };

/** Raised when a kernel does not come up: `exit` is set when its process ended. */
export class KernelStartError extends Error {
  constructor(
    message: string,
    readonly exit: KernelExit | undefined,
    readonly stderrTail: string,
  ) {
    super(message);
  }
}

/** Kernels started by this process that may still be alive, for the last-resort cleanup at exit. */
const liveKernels = new Set<KernelClient>();

/** Kills (SIGKILL, whole process group) every kernel this process started that is still running. Synchronous. */
export function killAllKernelsSync(): void {
  for (const k of liveKernels) k.killSync();
}

process.on("exit", killAllKernelsSync);

/** Stops every kernel this process started that is still running (see KernelClient.shutdown). */
export async function shutdownAllKernels(): Promise<void> {
  await Promise.all([...liveKernels].map((k) => k.shutdown()));
}

/** HMAC-SHA256 hex signature of the message parts, as the Jupyter wire protocol defines it. */
export function signParts(key: string, parts: Array<string | Buffer>): string {
  const h = crypto.createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

/** Parses a multipart message; returns undefined when it has no delimiter or a wrong signature. */
export function parseMessage(key: string, frames: Buffer[]): JupyterMessage | undefined {
  const i = frames.findIndex((f) => f.equals(DELIM));
  if (i < 0 || frames.length < i + 6) return undefined;
  const sig = frames[i + 1].toString();
  const parts = frames.slice(i + 2, i + 6);
  const want = signParts(key, parts);
  if (sig.length !== want.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(want))) return undefined;
  try {
    return {
      header: JSON.parse(parts[0].toString()),
      parent_header: JSON.parse(parts[1].toString()),
      metadata: JSON.parse(parts[2].toString()),
      content: JSON.parse(parts[3].toString()),
    };
  } catch {
    return undefined;
  }
}

interface Pending {
  onIopub(msg: JupyterMessage): void;
  onReply(msg: JupyterMessage): void;
}

/** A running tslab kernel and the sockets that drive it. */
export class KernelClient {
  /** performance.now() when the process was spawned. */
  readonly spawnedAt: number;
  /** How the process ended, once it has. */
  exit: KernelExit | undefined;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<KernelExit>;
  /** The content of the kernel's kernel_info_reply (language, implementation, debugger support...). */
  kernelInfo: Record<string, unknown> = {};

  private readonly session = crypto.randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  // No receive limit: a cell may print thousands of lines at once and ZeroMQ drops (PUB/SUB) beyond the high-water mark.
  private readonly iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly pending = new Map<string, Pending>();
  private sendChain: Promise<void> = Promise.resolve();
  private stderrBuf = "";
  /** The kernel's processes, looked at every second while it runs (see process-tree.ts). */
  private readonly processes: KernelProcesses;
  private readonly watchTimer: NodeJS.Timeout;
  private stdioClosed: Promise<void>;
  private closed = false;
  private iopubSeen = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly pid: number,
    private readonly key: string,
    readonly connectionFile: string,
    readonly ports: Record<string, number>,
    token: string,
  ) {
    this.spawnedAt = performance.now();
    this.processes = new KernelProcesses(pid, token);
    // Looking now and then learns the sessions of short-lived detached children while their parents live.
    this.watchTimer = setInterval(() => this.processes.look(), 1000);
    this.watchTimer.unref();
    liveKernels.add(this);
    this.exited = new Promise<KernelExit>((resolve) => {
      proc.once("exit", (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    const keep = (chunk: Buffer): void => {
      this.stderrBuf = (this.stderrBuf + chunk.toString("utf8")).slice(-8192);
    };
    proc.stderr?.on("data", keep);
    proc.stdout?.on("data", keep); // tslab's own logging outside cells goes to stdout
    this.stdioClosed = new Promise<void>((resolve) => proc.once("close", () => resolve()));
  }

  /**
   * Spawns a fresh tslab kernel (its own process group, cwd = `opts.cwd`), connects the shell, control and
   * iopub channels and waits until it has answered kernel_info_request and its iopub channel delivers.
   * Throws KernelStartError (after killing the process) if that does not happen within the deadline.
   */
  static async start(opts: KernelStartOptions): Promise<KernelClient> {
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
    const key = crypto.randomBytes(32).toString("hex");
    const token = crypto.randomBytes(12).toString("hex");
    const connectionFile = path.join(os.tmpdir(), `emergence-lab-kernel-${process.pid}-${crypto.randomBytes(6).toString("hex")}.json`);
    const ports = { shell_port, iopub_port, stdin_port, control_port, hb_port };
    fs.writeFileSync(
      connectionFile,
      JSON.stringify({ ...ports, ip: "127.0.0.1", transport: "tcp", signature_scheme: "hmac-sha256", key, kernel_name: "tslab" }),
      { mode: 0o600 },
    );
    // Preloads: kernel-guard (the kernel dies with the runner), tslab-zmq-patch (no dropped iopub messages).
    const preloads = ["kernel-guard.js", "tslab-zmq-patch.js"].map((f) => path.join(__dirname, f)).filter((f) => fs.existsSync(f));
    const args = [
      ...preloads.flatMap((f) => ["--require", f]),
      opts.tslabBin ?? tslabBinary(),
      "kernel",
      "--config-path",
      connectionFile,
    ];
    const proc = spawn(process.execPath, args, {
      cwd: opts.cwd,
      detached: true, // own session and process group; what a cell starts is found as process-tree.ts says
      stdio: ["pipe", "pipe", "pipe"], // stdin stays open: the guard kills the kernel when it closes
      env: { ...process.env, ...opts.env, EMERGENCE_LAB_KERNEL_GUARD: "1", [KERNEL_TOKEN_ENV]: token },
    });
    if (proc.pid === undefined) {
      fs.rmSync(connectionFile, { force: true });
      const err = await new Promise<Error>((resolve) => proc.once("error", resolve));
      throw new KernelStartError(`could not start the tslab kernel: ${err.message}`, undefined, "");
    }
    proc.on("error", () => {}); // reported through 'exit'
    proc.stdin?.on("error", () => {});
    const kernel = new KernelClient(proc, proc.pid, key, connectionFile, ports, token);
    kernel.connect();
    try {
      await kernel.handshake(opts.startupTimeoutMs);
    } catch (e) {
      await kernel.shutdown();
      if (e instanceof KernelStartError) {
        throw new KernelStartError(e.message, kernel.exit, kernel.stderrTail());
      }
      throw e;
    }
    return kernel;
  }

  private connect(): void {
    const url = (port: number): string => `tcp://127.0.0.1:${port}`;
    this.shell.connect(url(this.ports.shell_port));
    this.control.connect(url(this.ports.control_port));
    this.iopub.connect(url(this.ports.iopub_port));
    this.iopub.subscribe();
    void this.receiveLoop(this.shell, "reply");
    void this.receiveLoop(this.control, "reply");
    void this.receiveLoop(this.iopub, "iopub");
  }

  private async receiveLoop(sock: zmq.Dealer | zmq.Subscriber, channel: "reply" | "iopub"): Promise<void> {
    try {
      for await (const frames of sock) {
        const msg = parseMessage(this.key, frames as Buffer[]);
        if (!msg) continue; // unsigned or malformed: ignore, as a Jupyter client does
        if (DEBUG) debugLog(`${channel} <- ${msg.header.msg_type} parent=${msg.parent_header?.msg_id ?? "-"} ${JSON.stringify(msg.content).slice(0, 120)}`);
        if (channel === "iopub") this.iopubSeen = true;
        const parentId = msg.parent_header?.msg_id;
        const p = parentId ? this.pending.get(parentId) : undefined;
        if (!p) continue;
        if (channel === "iopub") p.onIopub(msg);
        else p.onReply(msg);
      }
    } catch {
      // socket closed while receiving
    }
  }

  private send(sock: zmq.Dealer, msgType: string, content: Record<string, unknown>): string {
    const header: JupyterHeader = {
      msg_id: crypto.randomUUID(),
      session: this.session,
      username: "emergence-lab-runner",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    };
    const parts = [JSON.stringify(header), "{}", "{}", JSON.stringify(content)];
    if (DEBUG) debugLog(`shell -> ${msgType} id=${header.msg_id}`);
    const frames = [DELIM, signParts(this.key, parts), ...parts];
    // zeromq.js allows one send in flight per socket: chain them. A send to a dead kernel just never completes.
    this.sendChain = this.sendChain.then(() => (this.closed ? undefined : sock.send(frames))).catch(() => {});
    return header.msg_id;
  }

  /**
   * Sends kernel_info_request and waits for its reply (the kernel is up), then, if nothing has arrived on
   * iopub yet (a SUB socket drops what is published before it is connected: the "slow joiner"), sends one
   * more request every 200 ms until a status message arrives there, so that no output of the first cell is
   * lost. Requests are few on purpose: tslab's iopub socket drops messages when flooded (see execute()).
   */
  private async handshake(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    let replied = false;
    let wake: () => void = () => {};
    const ids: string[] = [];
    const request = (): void => {
      const id = this.send(this.shell, "kernel_info_request", {});
      ids.push(id);
      this.pending.set(id, {
        onIopub: () => wake(),
        onReply: (msg) => {
          replied = true;
          this.kernelInfo = msg.content;
          wake();
        },
      });
    };
    try {
      request();
      while (!(replied && this.iopubSeen)) {
        if (this.exit) throw new KernelStartError(`the kernel exited during start-up (${describeExit(this.exit)})`, this.exit, "");
        const left = deadline - performance.now();
        if (left <= 0) throw new KernelStartError(`the kernel did not answer kernel_info_request within ${Math.round(timeoutMs / 1000)} s`, undefined, "");
        const woke = new Promise<void>((r) => (wake = r));
        const before = replied;
        await raceWithTimeout([woke, this.exited.then(() => undefined)], Math.min(left, 200));
        // Booting: keep waiting for the first reply. Up but iopub silent: ask again to provoke a status message.
        if (before && replied && !this.iopubSeen) request();
      }
    } finally {
      for (const id of ids) this.pending.delete(id);
    }
  }

  /**
   * Executes `code` and resolves when the kernel has replied and gone idle (all outputs delivered), when
   * `timeoutMs` passes, or when the process exits. `onIopub` sees every output message of this request.
   */
  async execute(code: string, opts: { timeoutMs: number; onIopub(msg: JupyterMessage): void }): Promise<ExecuteOutcome> {
    if (this.exit) return { kind: "died", exit: this.exit };
    let reply: JupyterMessage | undefined;
    let idle = false;
    let done: () => void = () => {};
    let graceTimer: NodeJS.Timeout | undefined;
    const finished = new Promise<void>((r) => (done = r));
    const id = this.send(this.shell, "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    this.pending.set(id, {
      onIopub: (msg) => {
        // Outputs still arriving after the reply: the grace below counts from the last one (as nbclient's
        // iopub_timeout applies per message), so a cell's long tail of prints is never cut off.
        if (graceTimer) graceTimer.refresh();
        if (msg.header.msg_type === "status") {
          if (msg.content.execution_state === "idle") idle = true;
        } else if (msg.header.msg_type !== "execute_input") {
          opts.onIopub(msg);
        }
        if (reply && idle) done();
      },
      onReply: (msg) => {
        reply = msg;
        if (idle) done();
        // tslab 1.0.22 publishes without awaiting zeromq 6's send(); when a send is deferred, the next ones in
        // the same tick are dropped (EBUSY), so the idle status can be lost. Outputs precede the reply, so a
        // short grace after the reply (restarted by every later iopub message) is enough (nbclient likewise gives
        // up waiting for iopub after a timeout).
        graceTimer = setTimeout(() => done(), IDLE_GRACE_MS);
      },
    });
    try {
      const which = await raceWithTimeout([finished.then(() => "done" as const), this.exited.then(() => "died" as const)], opts.timeoutMs);
      if (which === "done" && reply) {
        const c = reply.content;
        return {
          kind: "reply",
          status: String(c.status ?? "error"),
          executionCount: typeof c.execution_count === "number" ? c.execution_count : null,
          content: c,
        };
      }
      if (which === "died" || this.exit) return { kind: "died", exit: this.exit ?? (await this.exited) };
      return { kind: "timeout" };
    } finally {
      clearTimeout(graceTimer);
      this.pending.delete(id);
      // What the cell started, while its parent links are still there (a later cell may end the kernel).
      this.processes.look();
    }
  }

  /** The last few kilobytes the kernel process wrote outside cells (stderr and stdout). */
  stderrTail(): string {
    return this.stderrBuf;
  }

  /** Waits (briefly) for the process's output pipes to drain, so stderrTail() is complete after an exit. */
  async drainOutput(ms = 500): Promise<void> {
    await raceWithTimeout([this.stdioClosed], ms);
  }

  /** Ends the kernel and every process it started (see process-tree.ts), synchronously (for exit handlers). */
  killSync(): void {
    this.processes.killAll();
  }

  /**
   * Stops the kernel and releases everything: the kernel and every process it started, detached or not, are
   * frozen and killed (see process-tree.ts; a tslab kernel holds nothing that needs a graceful stop), then the
   * sockets are closed and the connection file removed. Safe to call more than once.
   */
  async shutdown(): Promise<void> {
    clearInterval(this.watchTimer);
    this.processes.killAll();
    if (!this.exit) await raceWithTimeout([this.exited], 5000);
    // Anything that slipped out while the kernel was dying (an orphan is still found by its token).
    this.processes.killAll();
    liveKernels.delete(this);
    if (!this.closed) {
      this.closed = true;
      this.proc.stdin?.destroy();
      for (const s of [this.shell, this.control, this.iopub]) {
        try {
          s.close();
        } catch {
          // already closed
        }
      }
      fs.rmSync(this.connectionFile, { force: true });
    }
    await this.drainOutput(300);
    this.proc.stdout?.destroy();
    this.proc.stderr?.destroy();
  }
}

/** "exit code 3" / "signal SIGKILL". */
export function describeExit(exit: KernelExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** The first of `promises` to settle, or undefined after `ms` milliseconds (the timer is cleared either way). */
export async function raceWithTimeout<T>(promises: Array<Promise<T>>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([...promises, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
