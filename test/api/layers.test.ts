/**
 * Enforced layers: an import scan of src/ (see import-scan.ts for the rule). The scanner is also run
 * on a small fixture tree with one planted violation of each kind, so a scanner that sees nothing
 * cannot pass.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importSpecifiers, layerViolations } from "./import-scan";

const SRC = path.resolve(__dirname, "..", "..", "..", "src");

test("layers: no core module imports view, io, tools, Node built-ins, tslab, plotly or danfojs; view imports no tools", () => {
  const v = layerViolations(SRC);
  assert.deepEqual(v, [], v.map((x) => `${x.file}: ${x.specifier} (${x.reason})`).join("\n"));
});

test("layers: the scanner finds every kind of planted violation, and passes a clean tree", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layers-"));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, "src", rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", rel), text);
  };
  try {
    write("index.ts", 'export * from "./view/figure";\nexport * from "./io/files";\n');
    write("view/figure.ts", 'import * as tslab from "tslab";\nimport { mean } from "../math/mean";\nexport const f = mean;\n');
    write("io/files.ts", 'import * as fs from "node:fs";\nimport { mean } from "../math/mean";\nexport const g = fs.existsSync;\n');
    write("math/mean.ts", "export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;\n");
    assert.deepEqual(layerViolations(path.join(dir, "src")), [], "a clean tree passes");
    write("sim/bad.ts", [
      'import { f } from "../view/figure";',
      'import type { g } from "../io/files";',
      'import * as fs from "node:fs";',
      'import path = require("path");',
      'import * as tslab from "tslab";',
      'import Plotly from "plotly.js-dist-min";',
      'import * as dfd from "danfojs-node";',
      'import { run } from "../../tools/run";',
      "// import { commented } from \"../view/figure\";",
    ].join("\n"));
    write("view/bad.ts", 'import { run } from "../../tools/run";\nconst lazy = () => import("../io/files");\n');
    write("checks/bad.ts", 'import { f } from "../view/figure";\nimport { mean } from "../math/mean";\nimport * as fs from "node:fs";\n');
    const found = layerViolations(path.join(dir, "src")).map((x) => `${x.file} ${x.specifier}`);
    assert.deepEqual(found.sort(), [
      "checks/bad.ts ../view/figure",
      "checks/bad.ts node:fs",
      "sim/bad.ts ../../tools/run",
      "sim/bad.ts ../io/files",
      "sim/bad.ts ../view/figure",
      "sim/bad.ts danfojs-node",
      "sim/bad.ts node:fs",
      "sim/bad.ts path",
      "sim/bad.ts plotly.js-dist-min",
      "sim/bad.ts tslab",
      "view/bad.ts ../../tools/run",
      "view/bad.ts ../io/files",
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("layers: import specifiers are read from every import form and not from comments", () => {
  assert.deepEqual(
    importSpecifiers('import a from "a";\nimport { b } from \'b\';\nexport { c } from "c";\nimport "d";\nconst e = require("e");\nconst f = import("f");\n/* import g from "g"; */\n// import h from "h";\n'),
    ["a", "b", "c", "d", "f", "e"],
  );
});
