/**
 * Known-vulnerable packages stay out: danfojs-node 1.1.2 declares request 2.88.2 (which brings
 * form-data 2.3.3 and tough-cookie 2.5.0) and xlsx 0.17.2, and loads all of them at
 * `require("danfojs-node")`. The advisories (GitHub Advisory Database ids) and the first fixed
 * versions are listed below; where the npm registry has no fixed version, package.json's
 * `overrides` replace the package with a stub in stubs/ that throws on use.
 *
 * Checked three ways, so that neither a later `npm install` nor a changed lockfile can bring a
 * listed version back: the lockfile, the installed tree, and the modules that Node actually loads
 * when danfojs-node is required (in a child process, with DataFrame and readCSV still working).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../../tools/jupyter-env";

interface Advisory {
  id: string;
  /** True when `version` (x.y.z from the registry) is affected. */
  affects(version: string): boolean;
}

function parse(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`not a semantic version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
function below(v: string, fixed: string): boolean {
  const a = parse(v);
  const b = parse(fixed);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** Advisories of the packages danfojs-node 1.1.2 brings, with their first fixed releases. */
const ADVISORIES: Record<string, Advisory[]> = {
  // CVE-2025-7783 (critical): boundary from Math.random; fixed in 2.5.4, 3.0.4 and 4.0.4.
  "form-data": [
    {
      id: "GHSA-fjxv-7rqg-78g4",
      affects: (v) => {
        const [major] = parse(v);
        return major < 2 || (major === 2 && below(v, "2.5.4")) || (major === 3 && below(v, "3.0.4")) || (major === 4 && below(v, "4.0.4"));
      },
    },
  ],
  // CVE-2023-26136 (moderate): prototype pollution in CookieJar; fixed in 4.1.3.
  "tough-cookie": [{ id: "GHSA-72xf-g2v4-qvf3", affects: (v) => below(v, "4.1.3") }],
  // CVE-2023-28155 (moderate): SSRF through a cross-protocol redirect; no fixed release exists.
  request: [{ id: "GHSA-p8p7-x288-28g6", affects: () => true }],
  // CVE-2023-30533 (high, prototype pollution, fixed in 0.19.3) and CVE-2024-22363 (high, ReDoS,
  // fixed in 0.20.2): neither fixed release is on the npm registry, whose newest is 0.18.5.
  xlsx: [
    { id: "GHSA-4r6h-8v6p-xvw6", affects: (v) => below(v, "0.19.3") },
    { id: "GHSA-5pgg-2g8v-p4x9", affects: (v) => below(v, "0.20.2") },
  ],
};

/** The packages replaced by a local stub (no fixed release on the npm registry). */
const STUBBED: Record<string, string> = { request: "stubs/request", xlsx: "stubs/xlsx", "@tensorflow/tfjs-node": "stubs/tfjs-node" };

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
}
const lock = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { overrides?: Record<string, string> };

/** Package name of a lockfile key ("node_modules/a/node_modules/@s/b" -> "@s/b"). */
function nameOf(key: string): string | null {
  const i = key.lastIndexOf("node_modules/");
  return i < 0 ? null : key.slice(i + "node_modules/".length);
}

/** Advisories that apply to a (name, version), as "name@version (id)". */
function findings(name: string, version: string): string[] {
  return (ADVISORIES[name] ?? []).filter((a) => a.affects(version)).map((a) => `${name}@${version} (${a.id})`);
}

test("advisory table: the versions danfojs-node 1.1.2 declared are flagged, the fixed ones are not", () => {
  // The table itself must be able to fail: the originally installed versions are affected...
  assert.deepEqual(findings("form-data", "2.3.3"), ["form-data@2.3.3 (GHSA-fjxv-7rqg-78g4)"]);
  assert.deepEqual(findings("tough-cookie", "2.5.0"), ["tough-cookie@2.5.0 (GHSA-72xf-g2v4-qvf3)"]);
  assert.equal(findings("xlsx", "0.17.2").length, 2);
  assert.equal(findings("xlsx", "0.18.5").length, 2, "the newest xlsx on the npm registry is still affected");
  assert.equal(findings("request", "2.88.2").length, 1);
  // ...and the first fixed releases are not.
  for (const v of ["2.5.4", "3.0.4", "4.0.4", "4.0.6"]) assert.deepEqual(findings("form-data", v), [], `form-data ${v}`);
  for (const v of ["3.0.3", "4.0.3", "2.5.3"]) assert.equal(findings("form-data", v).length, 1, `form-data ${v}`);
  assert.deepEqual(findings("tough-cookie", "4.1.3"), []);
  assert.deepEqual(findings("xlsx", "0.20.2"), []);
});

test("package-lock.json holds no advisory-listed version, and the stubs are linked by project-relative paths", () => {
  const found: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = nameOf(key);
    if (!name || entry.link || !entry.version) continue;
    found.push(...findings(name, entry.version));
  }
  assert.deepEqual(found, [], "advisory-listed versions in package-lock.json");
  for (const [name, dir] of Object.entries(STUBBED)) {
    assert.equal(pkg.overrides?.[name], `file:./${dir}`, `package.json overrides ${name} with its stub`);
    // npm 11 writes a file: override relative to the dependent (node_modules/danfojs-node/stubs/...),
    // which npm 10 then links to a missing folder: the lockfile keeps the project-relative path.
    assert.deepEqual(lock.packages[`node_modules/${name}`], { resolved: dir, link: true }, `lockfile entry of ${name}`);
    const stub = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, dir, "package.json"), "utf8")) as { name: string; version: string };
    assert.equal(stub.name, name);
    assert.equal(lock.packages[dir]?.version, stub.version, `lockfile entry of ${dir}`);
  }
  const misplaced = Object.entries(lock.packages).filter(([k, e]) => /node_modules\/[^/]+\/stubs\//.test(k) || /node_modules\/.*stubs\//.test(e.resolved ?? ""));
  assert.deepEqual(misplaced.map(([k]) => k), [], "stub paths relative to a dependent");
});

test("require('danfojs-node') loads no advisory-listed module; DataFrame and readCSV work; the stubs explain themselves", () => {
  const tmp = fs.mkdtempSync(path.join(PROJECT_ROOT, "build", ".deps-"));
  const csv = path.join(tmp, "runs.csv");
  fs.writeFileSync(csv, "N,D,loss\n1e8,2e9,3.1\n4e8,8e9,2.8\n");
  // The child prints the package.json (name, version, folder) of every module it loaded.
  const script = `
const fs = require("node:fs"), path = require("node:path");
const dfd = require("danfojs-node");
const loaded = new Map();
for (const file of Object.keys(require.cache)) {
  let dir = path.dirname(file);
  while (dir !== path.dirname(dir)) {
    const p = path.join(dir, "package.json");
    if (fs.existsSync(p)) { try { const j = JSON.parse(fs.readFileSync(p, "utf8")); if (j.name && j.version) { loaded.set(dir, { name: j.name, version: j.version, dir: fs.realpathSync(dir) }); break; } } catch {} }
    dir = path.dirname(dir);
  }
}
console.log(JSON.stringify({ loaded: [...loaded.values()] }));
const df = new dfd.DataFrame({ k: [1, 2, 3, 4], group: ["a", "b", "a", "b"] });
const sums = df.groupby(["group"]).col(["k"]).sum().values;
const errorOf = (f) => { try { f(); return null; } catch (e) { return { message: e.message, code: e.code }; } };
dfd.readCSV(${JSON.stringify(csv)}).then(async (runs) => {
  const url = await dfd.readCSV("http://127.0.0.1:9/runs.csv").then(() => null, (e) => ({ message: e.message, code: e.code }));
  const xlsx = errorOf(() => require("xlsx").utils.sheet_to_json({}));
  console.log(JSON.stringify({ sums, columns: runs.columns, values: runs.values, url, xlsx }));
});`;
  try {
    const r = spawnSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, encoding: "utf8", timeout: 60_000 });
    const lines = r.stdout.trim().split("\n");
    const { loaded } = JSON.parse(lines[0]) as { loaded: { name: string; version: string; dir: string }[] };
    const flagged = loaded.filter((m) => !m.version.includes("-emergence-lab-stub")).flatMap((m) => findings(m.name, m.version));
    assert.deepEqual(flagged, [], "advisory-listed modules loaded by require('danfojs-node')");
    for (const [name, dir] of Object.entries(STUBBED)) {
      const m = loaded.find((x) => x.name === name);
      if (m) assert.equal(m.dir, fs.realpathSync(path.join(PROJECT_ROOT, dir)), `${name} is loaded from ${dir}`);
    }
    assert.ok(loaded.some((m) => m.name === "request"), "danfojs-node still requires request (the stub) at load time");
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(lines[lines.length - 1]) as {
      sums: unknown[];
      columns: string[];
      values: unknown[][];
      url: { message: string; code: string } | null;
      xlsx: { message: string; code: string } | null;
    };
    assert.deepEqual(out.sums, [["a", 4], ["b", 6]]);
    assert.deepEqual(out.columns, ["N", "D", "loss"]);
    assert.deepEqual(out.values, [[1e8, 2e9, 3.1], [4e8, 8e9, 2.8]]);
    assert.equal(out.url?.code, "ERR_REQUEST_UNAVAILABLE");
    assert.match(out.url!.message, /request\.get\(\.\.\.\) is not available: .*URL.*CVE-2023-28155.*local path/);
    assert.equal(out.xlsx?.code, "ERR_XLSX_UNAVAILABLE");
    assert.match(out.xlsx!.message, /xlsx\.utils\.sheet_to_json\(\.\.\.\) is not available: .*readExcel.*CVE-2023-30533.*readCSV/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
