/**
 * A cell that prints without end (test/fixtures/output/endless-print.ipynb) until the cell timeout stops it:
 * the executed copy keeps the first part of its output up to --max-output-bytes, then a note saying how
 * much was dropped; the runner's memory stays bounded while it receives everything.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../../tools/lib/paths";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "el-output-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("endless printing: first part kept up to the limit, a note with the dropped amount, memory bounded", { timeout: 120_000 }, () => {
  const limit = 1_000_000;
  const json = path.join(tmp, "run.json");
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  const run = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, ".out", "tools", "run-notebooks.js"),
      path.join(PROJECT_ROOT, "test", "fixtures", "output", "endless-print.ipynb"),
      "--out", tmp, "--timeout", "8", "--max-output-bytes", String(limit), "--no-static", "--json", json,
    ],
    { cwd: PROJECT_ROOT, env, encoding: "utf8", timeout: 100_000 },
  );
  const summary = JSON.parse(fs.readFileSync(json, "utf8")) as {
    runnerMaxRssBytes: number;
    notebooks: Array<{ status: string; failingCell: { codeCellNumber: number } | null; truncatedOutput: Array<{ codeCellNumber: number; droppedBytes: number; droppedMessages: number }> }>;
  };
  const [r] = summary.notebooks;
  assert.equal(r.status, "TIMEOUT", run.stdout + run.stderr);
  assert.equal(r.failingCell?.codeCellNumber, 2);
  assert.equal(r.truncatedOutput.length, 1);
  const t = r.truncatedOutput[0];
  assert.equal(t.codeCellNumber, 2);
  // In 8 s the kernel prints far more than the limit (each line is about 110 bytes).
  assert.ok(t.droppedBytes > 2 * limit, `dropped ${t.droppedBytes} bytes`);
  assert.match(run.stdout, /note: the output of code cell 2 reached 976\.6 KiB; [\d.]+ (KiB|MiB) more were dropped/);

  const copy = path.join(tmp, "endless-print.ipynb");
  const size = fs.statSync(copy).size;
  // The stored lines: the limit of text, plus JSON quoting and indentation of one list item per line (~10 bytes each).
  assert.ok(size > limit && size < limit * 1.2, `executed copy is ${size} bytes`);
  const nb = JSON.parse(fs.readFileSync(copy, "utf8")) as { cells: Array<{ outputs: Array<{ name?: string; text?: string[] }> }> };
  const outputs = nb.cells[1].outputs;
  const stdout = outputs[0].text!.join("");
  assert.ok(stdout.startsWith(`line 0 ${"x".repeat(100)}\nline 1 `), "the first part is kept");
  assert.equal(Buffer.byteLength(stdout), limit, "exactly the limit of stdout is kept");
  const note = outputs[outputs.length - 1];
  assert.equal(note.name, "stderr");
  const droppedText = t.droppedBytes >= 1024 * 1024 ? `${(t.droppedBytes / 1024 / 1024).toFixed(1)} MiB` : `${(t.droppedBytes / 1024).toFixed(1)} KiB`;
  assert.ok(note.text!.join("").includes(`reached the limit of 976.6 KiB; ${droppedText} more (${t.droppedMessages.toLocaleString("en-US")} messages) were not stored`), note.text!.join(""));
  assert.equal(nb.cells[2].outputs.length, 0, "the cell after the timeout did not run");
  assert.ok(summary.runnerMaxRssBytes < 300 * 1024 * 1024, `runner peak RSS ${summary.runnerMaxRssBytes} bytes`);
});
