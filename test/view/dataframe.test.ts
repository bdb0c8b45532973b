/**
 * toDataFrame: rows, loaded runs and objects of columns become a danfojs DataFrame whose columns,
 * values and dtypes are those of the input; bad input is refused with the row and the column; and
 * importing the built package does not load danfojs (checked in a child process).
 * These tests load danfojs (TensorFlow.js: one to two seconds).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { toDataFrame } from "../../src/view/dataframe";
import { syntheticChinchillaRuns } from "../../src/scaling/runs";
import { HOFFMANN_2022 } from "../../src/scaling/law";
import { performanceCurve } from "../../src/theory/performanceCurve";
import { giantComponentExperiment } from "../../src/graphs/experiments";
import { createRng } from "../../src/random/rng";

const ROOT = path.resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const dfd = require("danfojs-node") as typeof import("danfojs-node");

test("rows: columns in the order of the first row, values and dtypes as in the rows", () => {
  const rows = [
    { model: "small", N: 4e7, k: 3, theta: 0.1, adversary: true, betaMin: null as number | null, z: Infinity },
    { model: "large", N: 7e10, k: 8, theta: 0.25, adversary: false, betaMin: 4.5, z: -2 },
    { model: "mid", N: 1e9, k: -5, theta: 1, adversary: null as boolean | null, betaMin: 2, z: 0.5 },
  ];
  const df = toDataFrame(rows);
  assert.deepEqual(df.columns, ["model", "N", "k", "theta", "adversary", "betaMin", "z"]);
  assert.deepEqual(df.values, rows.map((r) => [r.model, r.N, r.k, r.theta, r.adversary, r.betaMin, r.z]));
  // N = 7e10 is an integer but outside int32: float32 (a label; the values stay doubles, see below).
  assert.deepEqual(df.dtypes, ["string", "float32", "int32", "float32", "boolean", "float32", "float32"]);
  assert.deepEqual(df.index, [0, 1, 2]);
  // Doubles are kept: 0.1 is not rounded to float32, and a mean is a double mean.
  assert.equal(df.column("theta").values[0], 0.1);
  assert.equal(df.column("theta").mean(), (0.1 + 0.25 + 1) / 3);
  assert.notEqual(Math.fround(0.1), 0.1);
  // null is danfojs's missing value.
  assert.deepEqual(df.column("betaMin").isNa().values, [true, false, false]);
});

test("a loaded runs object: its rows, every value as loaded", () => {
  const rows = syntheticChinchillaRuns({ rng: "df-runs", params: HOFFMANN_2022, runs: 40 });
  const runs = { rows: rows, source: "synthetic", note: "test" };
  const df = toDataFrame(runs);
  assert.deepEqual(df.columns, ["N", "D", "C", "loss"]);
  assert.deepEqual(df.shape, [40, 4]);
  assert.deepEqual(df.values, rows.map((r) => [r.N, r.D, r.C, r.loss]));
  // What a pandas user does next, checked against plain JavaScript on the same rows.
  const losses = rows.map((r) => r.loss);
  const d = df.describe();
  assert.deepEqual(d.index.slice(0, 2), ["count", "mean"]);
  assert.equal(d.column("loss").values[0], 40);
  assert.ok(Math.abs((d.column("loss").values[1] as number) - losses.reduce((a, b) => a + b, 0) / 40) < 1e-12);
  const big = df.query(df.column("N").gt(1e9));
  assert.equal(big.shape[0], rows.filter((r) => r.N > 1e9).length);
  assert.deepEqual(df.sortValues("loss").column("loss").values, losses.slice().sort((a, b) => a - b));
});

test("options.columns picks and orders columns; rows may carry other keys, nested ones too", () => {
  const points = performanceCurve({ theta: 0.3, k: 8, kPrime: 3, alphas: [0.01, 0.3, 0.9] });
  assert.throws(() => toDataFrame(points), /toDataFrame: input\[0\] has nested field "raw" \(object \{.*\).*options\.columns: \["alpha",/);
  const df = toDataFrame(points, { columns: ["competence", "alpha", "feasible"] });
  assert.deepEqual(df.columns, ["competence", "alpha", "feasible"]);
  assert.deepEqual(df.values, points.map((p) => [p.competence, p.alpha, p.feasible]));
  assert.equal(df.dtypes[2], "boolean");
});

test("an object of equal-length arrays (a result in columns): one row per index, scalars repeated", () => {
  const r = giantComponentExperiment({ n: 200, cs: [0.5, 1, 2, 3], trials: 3, rng: createRng("df-giant") });
  const df = toDataFrame(r);
  assert.deepEqual(df.columns, ["n", "trials", "cs", "meanLargestFraction", "stdErr", "theory"]);
  assert.deepEqual(df.values, Array.from(r.cs, (c, i) => [200, 3, c, r.meanLargestFraction[i], r.stdErr[i], r.theory[i]]));
  const draws = { alpha: new Float64Array([0.3, 0.35]), beta: new Float64Array([0.28, 0.3]) };
  assert.deepEqual(toDataFrame(draws).values, [[0.3, 0.28], [0.35, 0.3]]);
  const uneven = { cs: [1, 2, 3], p: [0.1, 0.2, 0.3], hitting: new Float64Array(5) };
  assert.throws(() => toDataFrame(uneven), /toDataFrame: input\.hitting has 5 values but input\.cs has 3; .*options\.columns, e\.g\. \["cs","p"\]/);
  assert.deepEqual(toDataFrame(uneven, { columns: ["p", "cs"] }).values, [[0.1, 1], [0.2, 2], [0.3, 3]]);
});

test("a DataFrame is returned as it is", () => {
  const df = new dfd.DataFrame({ a: [1, 2] });
  assert.equal(toDataFrame(df), df);
});

test("bad input: a named error with the row, the column and what was expected", () => {
  const cases: [unknown, RegExp, object?][] = [
    [[], /toDataFrame: input is empty; expected at least one row/],
    [{ rows: [] }, /toDataFrame: input\.rows is empty/],
    [[{ a: 1 }, 2], /toDataFrame: input\[1\] must be an object of column values, got 2/],
    [[[1, 2]], /toDataFrame: input\[0\] must be an object of column values, got \[1, 2\]/],
    [[{ a: 1, b: 2 }, { a: 3 }], /toDataFrame: input\[1\] has no column "b" \(expected the columns a, b of input\[0\]\)/],
    [[{ a: 1 }, { a: 3, b: 4 }], /toDataFrame: input\[1\] has a column "b" that input\[0\] lacks/],
    [[{ a: 1 }, { a: NaN }], /toDataFrame: input\[1\]\.a must be a number, a string, a boolean or null \(null for a missing value\), got NaN/],
    [[{ a: undefined }], /toDataFrame: input\[0\]\.a must be a number, a string, a boolean or null \(null for a missing value\), got undefined/],
    [[{ a: 1 }, { a: "2" }], /toDataFrame: input\[1\]\.a must be a number \(or null\) like the earlier rows of column "a", got "2"/],
    [[{ a: 1 }, { a: [2] }], /toDataFrame: input\[1\]\.a must be a DataFrame cell \(a number, a string, a boolean or null\), got \[2\]/],
    [[{ a: 1n }], /toDataFrame: input\[0\]\.a must be a DataFrame cell .*got 1n/],
    [[{ values: 1 }], /toDataFrame: column name "values" in input\[0\] cannot be used in a danfojs DataFrame/],
    [[{ $data: 1 }], /toDataFrame: column name "\$data" in input\[0\] cannot be used/],
    [[{}], /toDataFrame: input\[0\] has no columns/],
    [42, /toDataFrame: input must be an array of row objects, an object with an array `rows` \(loaded runs\), or an object of equal-length arrays; got 42/],
    ["N,loss", /toDataFrame: input must be .* got "N,loss"/],
    [{ n: 3, name: "x" }, /toDataFrame: input must be .*got an object with no array field \(fields: n, name\)/],
    [{ a: [], b: [] }, /toDataFrame: input\.a is empty/],
    [{ a: [1], params: { E: 1 } }, /toDataFrame: input\.params must be a DataFrame cell \(a number, a string, a boolean or null\), got object \{"E":1\}/],
    [[{ a: 1 }], /toDataFrame: options\.columns must be an array of column names, got "a"/, { columns: "a" }],
    [[{ a: 1 }], /toDataFrame: options\.columns lists column "a" twice/, { columns: ["a", "a"] }],
    [[{ a: 1 }], /toDataFrame: input\[0\] has no column "b" \(expected the columns b, from options\.columns\)/, { columns: ["b"] }],
    [{ a: [1] }, /toDataFrame: input has no field "b" \(fields: a\)/, { columns: ["b"] }],
  ];
  for (const [input, re, options] of cases) {
    assert.throws(() => toDataFrame(input, options as never), re, `input ${String(input)}`);
  }
});

test("column names: every name danfojs cannot hold is refused, every other one gives a working DataFrame", () => {
  // Candidates: every member of a danfojs DataFrame (instance and prototype chain) and a few odd names.
  const P = dfd.DataFrame.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const sample = new dfd.DataFrame({ a: [1] });
  const names = new Set<string>([...Object.keys(sample), "", "0", "__proto__"]);
  for (let p: object | null = sample; p; p = Object.getPrototypeOf(p)) for (const n of Object.getOwnPropertyNames(p)) names.add(n);
  names.delete("a");
  names.delete("g");
  const refused: string[] = [];
  const broken: string[] = [];
  for (const name of [...names].sort()) {
    const rows = [
      { [name]: 3, a: 1, g: "x" },
      { [name]: 1, a: 2, g: "y" },
      { [name]: 2, a: 3, g: "x" },
    ];
    if (name === "__proto__") for (const r of rows) Object.defineProperty(r, name, { value: r[name], enumerable: true, configurable: true, writable: true });
    let df;
    try {
      df = toDataFrame(rows, { columns: [name, "a", "g"] });
    } catch (e) {
      assert.match((e as Error).message, new RegExp(`toDataFrame: column name ${JSON.stringify(name).replace(/\$/g, "\\$")} in (input\\[0\\]|options\\.columns) cannot be used`));
      refused.push(name);
      continue;
    }
    // Methods are called from the prototype: a column may hide one on its own DataFrame (documented).
    const d = df as unknown as Record<string, unknown>;
    const checks: [string, () => boolean][] = [
      ["values", () => JSON.stringify(df.values) === '[[3,1,"x"],[1,2,"y"],[2,3,"x"]]'],
      ["columns", () => JSON.stringify(df.columns) === JSON.stringify([name, "a", "g"])],
      ["index", () => JSON.stringify(df.index) === "[0,1,2]"],
      ["dtypes", () => JSON.stringify(df.dtypes) === '["int32","int32","string"]'],
      ["describe", () => (P.describe.call(d) as { columns: string[] }).columns.length === 2],
      ["sortValues", () => JSON.stringify((P.sortValues.call(d, name) as { values: unknown[][] }).values.map((r) => r[0])) === "[1,2,3]"],
      ["query", () => (P.query.call(d, (P.column.call(d, "a") as { gt(x: number): unknown }).gt(1)) as { shape: number[] }).shape[0] === 2],
      ["groupby", () => JSON.stringify(((P.groupby.call(d, ["g"]) as { agg(o: object): { values: unknown } }).agg({ [name]: ["count", "mean"] })).values) === '[["x",2,2.5],["y",1,1]]'],
      ["column", () => JSON.stringify((P.column.call(d, name) as { values: unknown }).values) === "[3,1,2]"],
      ["addColumn", () => JSON.stringify((P.addColumn.call(d, "new", [7, 8, 9]) as { values: unknown[][] }).values[0]) === '[3,1,"x",7]'],
    ];
    for (const [what, check] of checks) {
      let good = false;
      try {
        good = check();
      } catch {
        good = false;
      }
      if (!good) broken.push(`${JSON.stringify(name)}: ${what}`);
    }
  }
  assert.deepEqual(broken, [], "names that toDataFrame accepts but danfojs cannot hold");
  // The refusals are the few that break danfojs, not every member name.
  assert.ok(refused.includes("values") && refused.includes("index") && refused.includes("columns"));
  const plain = refused.filter((n) => !n.startsWith("$"));
  assert.ok(plain.length < 12, `refused: ${plain.join(", ")}`);
  assert.ok(!refused.includes("std") && !refused.includes("mean") && !refused.includes("count"));
});

test("importing the built package does not load danfojs; the first toDataFrame call does", () => {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/](danfojs-node|danfojs|@tensorflow)[\\\\/]/.test(k)).length;
    const t0 = process.hrtime.bigint();
    const lab = require(${JSON.stringify(path.join(ROOT, "dist", "index.js"))});
    const importMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const before = loaded();
    lab.toDataFrame([{ a: 1 }]);
    console.log(JSON.stringify({ before: before, after: loaded(), importMs: importMs }));
  `;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { before: number; after: number; importMs: number };
  assert.equal(out.before, 0, "require('emergence-lab') loaded danfojs or TensorFlow.js");
  assert.ok(out.after > 10, `the check must see danfojs once it is loaded (saw ${out.after} modules)`);
});
