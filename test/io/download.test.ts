import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { CHINCHILLA_CSV_SHA256 } from "../../tools/data";
import { fetchChinchillaCsv } from "../../tools/data";
import { sharedChinchillaCsv, skipOutsideCi } from "../scaling/helpers";

const csv = sharedChinchillaCsv();

/** Serve /good.csv (the shared file), /bad.csv (one byte changed) and 404 otherwise, on 127.0.0.1. */
async function serve(good: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const bad = Buffer.from(good);
  bad[bad.length - 3] ^= 1;
  const server = http.createServer((req, res) => {
    const body = req.url === "/good.csv" ? good : req.url === "/bad.csv" ? bad : null;
    if (!body) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/csv", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("download over HTTP: good file saved with verified sha256; corrupted copy rejected, nothing left", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, async () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const good = fs.readFileSync(csv!);
  assert.equal(createHash("sha256").update(good).digest("hex"), CHINCHILLA_CSV_SHA256, "the shared file is the pinned one");
  const srv = await serve(good);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-download-"));
  try {
    const dest = path.join(dir, "external", "svg_extracted_data.csv");
    const r = await fetchChinchillaCsv({ from: `${srv.url}/good.csv`, dest });
    assert.equal(r.sha256, CHINCHILLA_CSV_SHA256);
    assert.deepEqual(fs.readFileSync(dest), good);
    assert.deepEqual(fs.readdirSync(path.dirname(dest)), ["svg_extracted_data.csv"]);

    const dest2 = path.join(dir, "other", "svg_extracted_data.csv");
    await assert.rejects(fetchChinchillaCsv({ from: `${srv.url}/bad.csv`, dest: dest2 }), (e: Error) => {
      assert.match(e.message, /sha256 mismatch/);
      assert.match(e.message, new RegExp(`expected ${CHINCHILLA_CSV_SHA256}`));
      const actual = createHash("sha256").update(fs.readFileSync(csv!)).digest("hex");
      assert.match(e.message, /actual [0-9a-f]{64}/);
      assert.ok(!e.message.includes(`actual ${actual}`), "the actual hash is the corrupted file's");
      return true;
    });
    assert.deepEqual(fs.readdirSync(path.dirname(dest2)), [], "no partial or temporary file left");

    // A corrupted download must not replace a good file already in place.
    await assert.rejects(fetchChinchillaCsv({ from: `${srv.url}/bad.csv`, dest }), /existing .* is unchanged/);
    assert.deepEqual(fs.readFileSync(dest), good);
    assert.deepEqual(fs.readdirSync(path.dirname(dest)), ["svg_extracted_data.csv"]);

    await assert.rejects(fetchChinchillaCsv({ from: `${srv.url}/missing.csv`, dest: dest2 }), /HTTP 404/);
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("--from a local file needs no network; an unreachable host says how to place the file by hand", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, async () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-download-"));
  try {
    const dest = path.join(dir, "svg_extracted_data.csv");
    const r = await fetchChinchillaCsv({ from: csv, dest });
    assert.equal(r.bytes, fs.statSync(csv!).size);
    // Port 9 on 127.0.0.1 (discard) is closed on a normal machine: connection refused.
    const srv = http.createServer();
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    const { port } = srv.address() as AddressInfo;
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    await assert.rejects(fetchChinchillaCsv({ from: `http://127.0.0.1:${port}/x.csv`, dest: path.join(dir, "y.csv"), timeoutMs: 5000 }), /could not download .*by hand.*--from/);
    assert.deepEqual(fs.readdirSync(dir), ["svg_extracted_data.csv"]);
    await assert.rejects(fetchChinchillaCsv({ from: path.join(dir, "nope.csv"), dest: path.join(dir, "z.csv") }), /cannot read/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("npm run data: --optional turns a failed fetch into a warning; a verified file already there is kept", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const tool = path.resolve(__dirname, "..", "..", "tools", "data.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-data-optional-"));
  const dest = path.join(dir, "runs.csv");
  const missing = path.join(dir, "no-such-file.csv");
  const strict = spawnSync(process.execPath, [tool, "--from", missing, "--dest", dest], { encoding: "utf8" });
  assert.equal(strict.status, 1, strict.stdout + strict.stderr);
  const optional = spawnSync(process.execPath, [tool, "--from", missing, "--dest", dest, "--optional"], { encoding: "utf8" });
  assert.equal(optional.status, 0, optional.stdout + optional.stderr);
  assert.match(optional.stderr, /continuing without the file/);
  assert.equal(fs.existsSync(dest), false);
  assert.deepEqual(fs.readdirSync(dir), [], "no partial file");
  const copy = spawnSync(process.execPath, [tool, "--from", csv!, "--dest", dest], { encoding: "utf8" });
  assert.equal(copy.status, 0, copy.stderr);
  const again = spawnSync(process.execPath, [tool, "--from", missing, "--dest", dest], { encoding: "utf8" });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already here/);
  fs.rmSync(dir, { recursive: true, force: true });
});
