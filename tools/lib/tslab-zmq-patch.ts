/**
 * Preloaded into the tslab kernels the notebook runner starts (`node --require tslab-zmq-patch.js ...`).
 *
 * The bug it works around: tslab 1.0.22 calls zeromq 6's `socket.send()` without awaiting it. zeromq 6
 * allows one send in flight per socket and, to avoid starving the event loop, defers every 513th
 * synchronous send; any further send in the same tick then throws EBUSY ("Socket is busy writing") and the
 * message is lost. A cell that prints 1500 lines in a loop kept only 510 of them, and the kernel's "idle"
 * status can vanish the same way.
 *
 * The fix, keeping order, losing nothing, and sending live (a progress line updated during a synchronous
 * computation reaches the front-end while the computation runs, not after it):
 * - The iopub publisher gets `sendTimeout = 0`: zeromq then always takes its synchronous path (hands the
 *   message to its I/O thread at once, never defers, never reports EBUSY), and an unlimited send
 *   high-water mark, so PUB neither blocks nor drops (it silently drops beyond 1000 queued messages by
 *   default; the runner's subscriber has an unlimited receive high-water mark for the same reason).
 * - `send` on every zeromq socket of the kernel process sends synchronously when nothing is waiting on
 *   that socket; when zeromq reports EBUSY (a deferred send is in flight), the message and every later one
 *   go through a per-socket queue, each starting when the previous send has completed, until it drains.
 *
 * (The first version queued every send behind a promise; the sends of a synchronous loop then left only
 * after the loop ended, so a progress line froze until the cell finished.)
 * Set EMERGENCE_LAB_ZMQ_PATCH=0 to disable it (to observe the original behaviour).
 *
 * The same preload also applies tslab-patches.ts (object shorthand across cells, `debugger: false` in
 * kernel_info_reply); EMERGENCE_LAB_TSLAB_PATCH=0 disables those.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { flushPendingOutput, installTslabPatches } from "./tslab-patches";

export {};

type Send = (this: object, msg: unknown) => Promise<void>;

/** The tslab this kernel runs: the package of the script Node was started with, else the one next to this project. */
function tslabFolder(): string {
  const script = process.argv[1] ?? "";
  if (/[\\/]tslab[\\/]bin[\\/]tslab$/.test(script)) {
    try {
      return path.resolve(path.dirname(fs.realpathSync(script)), "..");
    } catch {
      // fall through
    }
  }
  return path.dirname(require.resolve("tslab/package.json", { paths: [__dirname, process.cwd()] }));
}

if (process.env.EMERGENCE_LAB_TSLAB_PATCH !== "0") {
  try {
    installTslabPatches(tslabFolder());
  } catch (e) {
    process.stderr.write(`tslab-patches: not applied: ${(e as Error).message}\n`);
  }
}

if (process.env.EMERGENCE_LAB_ZMQ_PATCH !== "0") {
  try {
    // The zeromq instance tslab itself loads (resolved from tslab's folder).
    const tslabDir = tslabFolder();
    const zmq = require(require.resolve("zeromq", { paths: [tslabDir] })) as {
      Socket: { prototype: { send: Send } };
      Publisher: new (...args: never[]) => object;
    };
    // PUB drops messages beyond its send high-water mark (default 1000) and the option must be set before the
    // subscriber connects: tslab creates its iopub socket with `new zmq.Publisher()`, so give it a subclass.
    const Publisher = zmq.Publisher;
    zmq.Publisher = class UnlimitedPublisher extends Publisher {
      constructor(...args: never[]) {
        super(...args);
        const self = this as { sendHighWaterMark?: number; sendTimeout?: number };
        self.sendHighWaterMark = 0;
        self.sendTimeout = 0;
      }
    };
    const proto = zmq.Socket.prototype;
    const original = proto.send;
    /** Per socket: messages waiting in the queue, and a promise settled when the last send has completed. */
    const states = new WeakMap<object, { waiting: number; tail: Promise<unknown> }>();
    const isBusy = (e: unknown): boolean => (e as { code?: string } | null)?.code === "EBUSY";
    const ignore = (): undefined => undefined;
    Object.defineProperty(proto, "send", {
      configurable: true,
      writable: false,
      enumerable: false,
      value: function queuedSend(this: object, msg: unknown): Promise<void> {
        // Batched stream output of the cell goes first, so that no message overtakes it (tslab-patches.ts).
        flushPendingOutput();
        let state = states.get(this);
        if (!state) {
          state = { waiting: 0, tail: Promise.resolve() };
          states.set(this, state);
        }
        const s = state;
        if (s.waiting === 0) {
          // Nothing queued: send now (zeromq passes it to its I/O thread, which transmits it even while
          // this thread stays busy in a synchronous cell).
          try {
            const sent = original.call(this, msg);
            s.tail = sent.catch(ignore);
            return sent;
          } catch (e) {
            if (!isBusy(e)) return Promise.reject(e);
            // A deferred send is in flight (s.tail): queue behind it.
          }
        }
        s.waiting += 1;
        // Issued when the previous send has completed; it leaves the queue only once zeromq has taken it,
        // so no later message can overtake it.
        const issue = (): Promise<void> => {
          try {
            const sent = original.call(this, msg);
            s.waiting -= 1;
            return sent;
          } catch (e) {
            if (isBusy(e)) return new Promise<void>((resolve) => setImmediate(resolve)).then(issue);
            s.waiting -= 1;
            return Promise.reject(e);
          }
        };
        const sent = s.tail.then(issue);
        s.tail = sent.catch(ignore);
        return sent;
      },
    });
  } catch (e) {
    process.stderr.write(`tslab-zmq-patch: not applied: ${(e as Error).message}\n`);
  }
}
