/**
 * The package's public API, snapshotted: every name `import { ... } from "emergence-lab"` can see,
 * with its kind (function, type, constant, class), read from src/index.ts with the TypeScript
 * compiler API and compared line by line with test/api/exports.snapshot.txt. Adding, removing or
 * re-kinding a public name fails this test until the snapshot is updated on purpose:
 *   UPDATE_API_SNAPSHOT=1 node --test .out/test/api/exports.test.js
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { countByKind, listExports } from "./public-api";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SNAPSHOT = path.join(ROOT, "test", "api", "exports.snapshot.txt");

test("public API: the export list with kinds matches the snapshot", () => {
  const list = listExports(ROOT);
  const counts = countByKind(list);
  const text =
    `# ${list.length} exports: ${counts.function} functions, ${counts.type} types, ${counts.constant} constants, ${counts.class} classes\n` +
    list.map((e) => `${e.kind} ${e.name}`).join("\n") +
    "\n";
  if (process.env.UPDATE_API_SNAPSHOT === "1") fs.writeFileSync(SNAPSHOT, text);
  const want = fs.readFileSync(SNAPSHOT, "utf8");
  if (text !== want) {
    const a = new Set(want.split("\n")), b = new Set(text.split("\n"));
    const removed = [...a].filter((l) => l && !b.has(l)).map((l) => `- ${l}`);
    const added = [...b].filter((l) => l && !a.has(l)).map((l) => `+ ${l}`);
    assert.fail(`the public API changed (update the snapshot with UPDATE_API_SNAPSHOT=1 if intended):\n${[...removed, ...added].join("\n")}`);
  }
});

test("public API: internals stay out of the package", () => {
  const names = new Set(listExports(ROOT).map((e) => e.name));
  for (const internal of ["LbfgsWorkspace", "lbfgsMinimize", "selectTopIndices", "selectKthLargest", "packageRoot", "CHINCHILLA_CSV_SHA256", "CHINCHILLA_CSV_URL", "PLOTLY_MIME", "VIEW_METADATA_KEY", "figureBundle", "tableBundle", "validateFigureId", "axisLayout", "toRng", "UnionFind", "huberLogObjective", "floydSample"]) {
    assert.ok(!names.has(internal), `${internal} must not be exported from the package`);
  }
});

test("public API lister: classifies each kind (checked on a fixture module)", () => {
  const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "api-fixture-"));
  try {
    fs.writeFileSync(path.join(dir, "a.ts"), "export function f(): number { return 1; }\nexport const C = 2;\nexport class K {}\nexport interface I { x: number }\nexport type T = number;\nexport function internal(): void {}\n");
    fs.writeFileSync(path.join(dir, "index.ts"), 'export { f, C, K } from "./a";\nexport type { I, T } from "./a";\n');
    const list = listExports(dir, path.join(dir, "index.ts"));
    assert.deepEqual(list, [
      { name: "C", kind: "constant" },
      { name: "I", kind: "type" },
      { name: "K", kind: "class" },
      { name: "T", kind: "type" },
      { name: "f", kind: "function" },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
