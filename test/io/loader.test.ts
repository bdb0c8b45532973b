import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CHINCHILLA_DATA_ENV, CHINCHILLA_DATA_SYNTHETIC, findChinchillaCsv, loadChinchillaRuns } from "../../src/io/chinchilla";
import { sharedChinchillaCsv, skipOutsideCi } from "../scaling/helpers";

const csv = sharedChinchillaCsv();

function withEnv<T>(value: string | undefined, fn: () => T): T {
  const old = process.env[CHINCHILLA_DATA_ENV];
  if (value === undefined) delete process.env[CHINCHILLA_DATA_ENV];
  else process.env[CHINCHILLA_DATA_ENV] = value;
  try {
    return fn();
  } finally {
    if (old === undefined) delete process.env[CHINCHILLA_DATA_ENV];
    else process.env[CHINCHILLA_DATA_ENV] = old;
  }
}

test("the loader looks only where it is told: options.path, $EMERGENCE_LAB_DATA, options.dataDir", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  withEnv(undefined, () => {
    // Nothing named: no search of the package's folders, so the synthetic fallback.
    assert.equal(findChinchillaCsv(), undefined);
    assert.equal(loadChinchillaRuns({}).source, "synthetic");
    // A folder to look in (relative to the current folder, as a lesson passes "../data/external").
    const rel = path.relative(process.cwd(), path.dirname(csv!));
    assert.equal(findChinchillaCsv({ dataDir: rel }), csv);
    assert.equal(loadChinchillaRuns({ dataDir: rel }).source, "epoch-ai");
    // A folder without the file is no error: it is only a place to look.
    assert.equal(findChinchillaCsv({ dataDir: os.tmpdir() + "/no-such-emergence-lab-data" }), undefined);
  });
});

test("loadChinchillaRuns reads the real CSV from options.path and from the environment", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  const r = loadChinchillaRuns({ path: csv });
  assert.equal(r.source, "epoch-ai");
  assert.equal(r.rows.length, 245);
  assert.equal(r.path, csv);
  const kept = loadChinchillaRuns({ path: csv, dropOutliers: 5 });
  assert.equal(kept.rows.length, 240);
  assert.match(kept.note, /5 highest-loss runs dropped, 240 kept/);
  // The environment variable may name the file or its folder.
  const viaDir = withEnv(path.dirname(csv!), () => loadChinchillaRuns({}));
  assert.equal(viaDir.source, "epoch-ai");
  assert.equal(viaDir.rows.length, 245);
  const viaFile = withEnv(csv, () => findChinchillaCsv());
  assert.equal(viaFile, csv);
});

test("loadChinchillaRuns falls back to labelled synthetic runs, or throws with fallback: 'error'", () => {
  withEnv(path.join(os.tmpdir(), "no-such-emergence-lab-data"), () => {
    const r = loadChinchillaRuns({ seed: 3 });
    assert.equal(r.source, "synthetic");
    assert.equal(r.rows.length, 245);
    assert.equal(r.path, undefined);
    assert.match(r.note, /^SYNTHETIC DATA/);
    assert.deepEqual(loadChinchillaRuns({ seed: 3 }).rows, r.rows, "same seed, same runs");
    assert.equal(loadChinchillaRuns({ dropOutliers: 5 }).rows.length, 240);
    assert.throws(() => loadChinchillaRuns({ fallback: "error" }), /svg_extracted_data\.csv not found.*npm run data/);
  });
});

test("loadChinchillaRuns: a missing explicit path and a bad file give clear errors", () => {
  assert.throws(() => loadChinchillaRuns({ path: "/nonexistent/chinchilla.csv" }), /options\.path "\/nonexistent\/chinchilla\.csv" does not exist/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-loader-"));
  try {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "Model Size,loss\n1e9,2.5\n");
    assert.throws(() => loadChinchillaRuns({ path: bad }), /missing column "Training FLOP"/);
    assert.throws(() => loadChinchillaRuns({ fallback: "maybe" as never }), /options\.fallback/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("EMERGENCE_LAB_DATA=synthetic ignores every data file except an explicit path", { skip: skipOutsideCi(!!csv, "Chinchilla CSV not found") }, () => {
  assert.ok(csv, "CI=true: the Chinchilla CSV must be present (../shared/data/epoch-chinchilla/)");
  withEnv(CHINCHILLA_DATA_SYNTHETIC, () => {
    assert.equal(findChinchillaCsv({ dataDir: path.dirname(csv!) }), undefined);
    const r = loadChinchillaRuns({ dropOutliers: 5, dataDir: path.dirname(csv!) });
    assert.equal(r.source, "synthetic");
    assert.equal(loadChinchillaRuns({ path: csv }).source, "epoch-ai");
  });
  withEnv(undefined, () => assert.equal(findChinchillaCsv({ dataDir: path.dirname(csv!) }), csv));
});
