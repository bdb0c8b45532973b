/**
 * Free TCP ports on 127.0.0.1, asked of the operating system (listen on port 0) and released
 * before they are returned. The one helper for every tool and test that needs a port.
 */
import * as net from "node:net";

/** `n` distinct free ports (held open together so that they are distinct, then released). */
export async function freePorts(n: number): Promise<number[]> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`freePorts: n must be a positive integer, got ${String(n)}`);
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => resolve());
      });
      ports.push((srv.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}

/** One free port. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}
