/**
 * Preloaded into the tslab kernels the notebook runner starts (`node --require tslab-zmq-patch.js ...`).
 *
 * The bug it works around: tslab 1.0.22 calls zeromq 6's `socket.send()` without awaiting it. zeromq 6
 * allows one send in flight per socket and, to avoid starving the event loop, defers every 513th
 * synchronous send; any further send in the same tick then throws EBUSY ("Socket is busy writing") and the
 * message is lost. A cell that prints 1500 lines in a loop kept only 510 of them, and the kernel's "idle"
 * status can vanish the same way.
 *
 * The fix: `send` on every zeromq socket of the kernel process goes through a per-socket queue, so each
 * send starts when the previous one has completed. Order is kept, nothing is dropped. The iopub publisher
 * also gets an unlimited send high-water mark (PUB silently drops beyond 1000 queued messages; the runner's
 * subscriber has an unlimited receive high-water mark for the same reason).
 * Set EMERGENCE_LAB_ZMQ_PATCH=0 to disable it (to observe the original behaviour).
 */
import * as path from "node:path";

export {};

type Send = (this: object, msg: unknown) => Promise<void>;

if (process.env.EMERGENCE_LAB_ZMQ_PATCH !== "0") {
  try {
    // The zeromq instance tslab itself loads (resolved from tslab's folder).
    const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [process.cwd(), __dirname] }));
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
        (this as { sendHighWaterMark?: number }).sendHighWaterMark = 0;
      }
    };
    const proto = zmq.Socket.prototype;
    const original = proto.send;
    const tails = new WeakMap<object, Promise<unknown>>();
    Object.defineProperty(proto, "send", {
      configurable: true,
      writable: false,
      enumerable: false,
      value: function queuedSend(this: object, msg: unknown): Promise<void> {
        const previous = tails.get(this) ?? Promise.resolve();
        const sent = previous.then(() => original.call(this, msg));
        tails.set(
          this,
          sent.catch(() => undefined),
        );
        return sent;
      },
    });
  } catch (e) {
    process.stderr.write(`tslab-zmq-patch: not applied: ${(e as Error).message}\n`);
  }
}
