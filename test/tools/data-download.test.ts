/**
 * `npm run data` against misbehaving sources on 127.0.0.1: a file too large (announced, or streamed without
 * end), a connection cut mid-body, a server that never answers or stalls mid-body, a folder given as the
 * destination or the source. Each must fail with a message that names the URL or path, and leave nothing on
 * disk. (The good path, checksums and --optional are tested in test/data/download.test.ts.)
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fetchChinchillaCsv, MAX_BYTES } from "../../tools/data";
import { PROJECT_ROOT } from "../../tools/lib/paths";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "el-data-"));
const sockets = new Set<import("node:net").Socket>();
const server = http.createServer((req, res) => {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  switch (req.url) {
    case "/announces-too-much":
      res.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
      res.write(chunk); // and then nothing: the client must not wait for the rest
      return;
    case "/endless": {
      // No content-length (chunked): writes until the client goes away.
      res.writeHead(200, { "content-type": "text/csv" });
      let sent = 0;
      const pump = (): void => {
        while (!res.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
        res.end();
      };
      pump();
      return;
    }
    case "/cut":
      res.writeHead(200, { "content-length": "20000" });
      res.write(Buffer.alloc(1000, 0x62));
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    case "/silent":
      return; // never answers
    case "/stall":
      res.writeHead(200, { "content-length": "20000" });
      res.write(Buffer.alloc(1000, 0x63)); // then stalls
      return;
    default:
      res.writeHead(404).end();
  }
});
server.on("connection", (s) => {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
});
const listening = new Promise<string>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
);
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

function emptyDir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

test("a file that announces more than the limit is refused at once, naming the URL; nothing is written", async () => {
  const base = await listening;
  const dir = emptyDir("announce");
  const url = `${base}/announces-too-much`;
  await assert.rejects(fetchChinchillaCsv({ from: url, dest: path.join(dir, "f.csv"), timeoutMs: 10_000 }), (e: Error) => {
    assert.ok(e.message.includes(url), e.message);
    assert.match(e.message, /refusing .*announces 50\.0 MiB, more than the limit of 4\.0 MiB/);
    return true;
  });
  assert.deepEqual(fs.readdirSync(dir), []);
});

test("a body without a length that goes on and on is cut off at the limit, naming the URL; nothing is written", async () => {
  const base = await listening;
  const dir = emptyDir("endless");
  const url = `${base}/endless`;
  const rssBefore = process.memoryUsage().rss;
  await assert.rejects(fetchChinchillaCsv({ from: url, dest: path.join(dir, "f.csv"), timeoutMs: 30_000 }), (e: Error) => {
    assert.ok(e.message.includes(url), e.message);
    assert.match(e.message, new RegExp(`sent more than ${MAX_BYTES / 1024 / 1024}\\.0 MiB`));
    return true;
  });
  assert.deepEqual(fs.readdirSync(dir), []);
  // The 64 MiB the server would send are not all held: well under that was kept.
  assert.ok(process.memoryUsage().rss - rssBefore < 48 * 1024 * 1024, `rss grew by ${process.memoryUsage().rss - rssBefore} bytes`);
  // A smaller limit applies too.
  await assert.rejects(fetchChinchillaCsv({ from: url, dest: path.join(dir, "f.csv"), maxBytes: 100_000 }), /more than 97\.7 KiB/);
});

test("a connection cut mid-body and a timeout (no answer, or a stalled body) each name the URL and what happened", async () => {
  const base = await listening;
  const dir = emptyDir("net");
  const dest = path.join(dir, "f.csv");
  await assert.rejects(fetchChinchillaCsv({ from: `${base}/cut`, dest, timeoutMs: 10_000 }), (e: Error) => {
    assert.ok(e.message.includes(`${base}/cut`), e.message);
    assert.match(e.message, /failed after 1000 bytes: terminated/);
    return true;
  });
  await assert.rejects(fetchChinchillaCsv({ from: `${base}/silent`, dest, timeoutMs: 500 }), (e: Error) => {
    assert.ok(e.message.includes(`${base}/silent`), e.message);
    assert.match(e.message, /no complete answer within 0\.5 s \(timed out\)/);
    return true;
  });
  await assert.rejects(fetchChinchillaCsv({ from: `${base}/stall`, dest, timeoutMs: 500 }), (e: Error) => {
    assert.ok(e.message.includes(`${base}/stall`), e.message);
    assert.match(e.message, /failed after 1000 bytes: no complete answer within 0\.5 s/);
    return true;
  });
  assert.deepEqual(fs.readdirSync(dir), []);
});

test("npm run data with a folder as --dest or --from names the folder (no bare EISDIR)", () => {
  const tool = path.join(PROJECT_ROOT, ".out", "tools", "data.js");
  const dir = emptyDir("folders");
  const asDest = spawnSync(process.execPath, [tool, "--dest", dir], { encoding: "utf8" });
  assert.equal(asDest.status, 1, asDest.stdout + asDest.stderr);
  assert.ok(asDest.stderr.includes(`the destination ${dir} is a folder`), asDest.stderr);
  const asSource = spawnSync(process.execPath, [tool, "--from", dir, "--dest", path.join(dir, "f.csv")], { encoding: "utf8" });
  assert.equal(asSource.status, 1, asSource.stdout + asSource.stderr);
  assert.ok(asSource.stderr.includes(`cannot read ${dir}: it is a folder`), asSource.stderr);
  const big = path.join(tmp, "big.csv");
  fs.writeFileSync(big, Buffer.alloc(MAX_BYTES + 1));
  const tooBig = spawnSync(process.execPath, [tool, "--from", big, "--dest", path.join(dir, "f.csv")], { encoding: "utf8" });
  assert.equal(tooBig.status, 1);
  assert.ok(tooBig.stderr.includes(`refusing ${big}: it holds 4.0 MiB`), tooBig.stderr);
  const unknown = spawnSync(process.execPath, [tool, "--form", "x"], { encoding: "utf8" });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown option '--form'/);
  assert.deepEqual(fs.readdirSync(dir), []);
});
