/**
 * Tables: rows of objects and (duck-typed) DataFrames to HTML + aligned text, numbers formatted.
 * One test builds a real danfojs DataFrame (imports TensorFlow.js: ~1-2 s).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { tableBundle, toTableData, isDataFrameLike } from "../../src/view/table";

test("rows of objects: columns in order of appearance, numbers formatted, text aligned", () => {
  const rows = [
    { model: "Chinchilla", params: 7e10, flops: 5.76e23, loss: 1.9393 },
    { model: "Gopher", params: 2.8e11, flops: 5.76e23 },
  ];
  const { html, text } = tableBundle(rows, { caption: "Hoffmann et al. 2022, Table 1", digits: 3 });
  const lines = text.split("\n");
  assert.equal(lines[0], "Hoffmann et al. 2022, Table 1");
  assert.match(lines[1], /^model\s+params\s+flops\s+loss$/);
  assert.match(lines[3], /^Chinchilla\s+7e10\s+5\.76e23\s+1\.94$/);
  assert.match(lines[4], /^Gopher\s+2\.8e11\s+5\.76e23$/);
  // Numbers are right-aligned: the row strings end at the same column for the flops field.
  assert.equal(lines[3].indexOf("5.76e23"), lines[4].indexOf("5.76e23"));
  assert.ok(html.includes(">Hoffmann et al. 2022, Table 1</div>"));
  assert.ok(html.includes(">5.76e23</td>"));
  assert.ok(html.includes('title="576000000000000000000000"') || html.includes('title="5.76e+23"'), "full value kept in a tooltip");
});

test("HTML is escaped and long tables are cut with a note", () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({ name: `<i>${i}</i>`, v: i }));
  const { html, text } = tableBundle(rows, { maxRows: 3 });
  assert.ok(!html.includes("<i>"));
  assert.ok(html.includes("&lt;i&gt;0&lt;/i&gt;"));
  assert.ok(text.endsWith("… 2 more rows (5 in all)"));
});

test("bad input names the function and what was expected", () => {
  assert.throws(() => tableBundle(42), /showTable: rows must be an array of objects or a danfojs DataFrame, got number/);
  assert.throws(() => tableBundle([1, 2]), /showTable: rows\[0\] must be an object/);
  assert.throws(() => tableBundle([{ a: 1 }], { maxRows: 0 }), /showTable: maxRows must be an integer >= 1, got 0/);
  assert.throws(
    () => toTableData({ columns: ["a"], values: [[1]] }, { columns: ["b"] }),
    /showTable: column "b" is not in the DataFrame \(columns: a\)/,
  );
});

test("a real danfojs DataFrame is displayed like its rows", async () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dfd = require("danfojs-node");
  const df = new dfd.DataFrame({ k: [2, 4], betaMin: [0.125, 1 / 3] });
  assert.ok(isDataFrameLike(df));
  const fromDf = tableBundle(df);
  const fromRows = tableBundle([
    { k: 2, betaMin: 0.125 },
    { k: 4, betaMin: 1 / 3 },
  ]);
  assert.equal(fromDf.text, fromRows.text);
  assert.match(fromDf.text.split("\n")[3], /^\s*4\s+0\.3333$/);
  // A Series with a labelled index: one column, the labels as row headers.
  const s = new dfd.Series([0.5, 2e-9], { index: ["theta", "delta"] });
  const t = tableBundle(s).text.split("\n");
  assert.match(t[2], /^theta\s+0\.5$/);
  assert.match(t[3], /^delta\s+2e-9$/);
});
