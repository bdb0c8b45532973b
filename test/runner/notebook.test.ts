/**
 * tools/lib/notebook.ts: turning Jupyter iopub messages into nbformat outputs. The expected behaviour is
 * nbformat's and nbclient's, as documented: multiline strings are lists of lines that keep their "\n"
 * (nbformat `split_lines`), JSON MIME types stay objects, consecutive stream outputs of one name are merged,
 * `update_display_data` replaces every output with the same transient display_id (nbclient
 * `_update_display_id`), `clear_output(wait=True)` clears at the next output.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NotebookCell, OutputCollector, prepareForExecution, readNotebook, splitLines, writeNotebookAtomic } from "../../tools/lib/notebook";

const codeCell = (): NotebookCell => ({ cell_type: "code", source: "", metadata: {}, outputs: [], execution_count: null });

test("splitLines keeps newlines and joins back to the original text", () => {
  assert.deepEqual(splitLines("a\nb\n"), ["a\n", "b\n"]);
  assert.deepEqual(splitLines("a\nb"), ["a\n", "b"]);
  assert.deepEqual(splitLines(""), []);
  for (const s of ["x", "\n\n", "one\ntwo\n\nthree", "trailing\n"]) assert.equal(splitLines(s).join(""), s);
});

test("stream outputs: same-name chunks merge, a different stream starts a new output", () => {
  const c = new OutputCollector();
  const cell = codeCell();
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "a" } });
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "b\nc\n" } });
  c.apply(cell, { msg_type: "stream", content: { name: "stderr", text: "oops\n" } });
  assert.deepEqual(cell.outputs, [
    { output_type: "stream", name: "stdout", text: ["ab\n", "c\n"] },
    { output_type: "stream", name: "stderr", text: ["oops\n"] },
  ]);
});


test("stream merging: any chunking gives the lines of the whole text; 20,000 chunks merge quickly", () => {
  // Reference: split the concatenated text once (what nbformat stores for one stream output).
  const pieces = ["a", "b\n", "\n", "", "c", "d\ne", "\nf\n", "g", "\n\n", "h"];
  for (let mask = 0; mask < 1 << (pieces.length - 1); mask++) {
    // Cut the piece sequence into chunks at the positions whose bit is set.
    const chunks: string[] = [];
    let cur = pieces[0];
    for (let i = 1; i < pieces.length; i++) {
      if (mask & (1 << (i - 1))) {
        chunks.push(cur);
        cur = pieces[i];
      } else cur += pieces[i];
    }
    chunks.push(cur);
    const c = new OutputCollector();
    const cell = codeCell();
    for (const t of chunks) c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: t } });
    assert.deepEqual(cell.outputs, [{ output_type: "stream", name: "stdout", text: splitLines(pieces.join("")) }], `chunks ${JSON.stringify(chunks)}`);
  }
  // 20,000 one-line chunks merge into 20,000 lines (its speed is measured by `npm run bench -- runner`).
  const c = new OutputCollector();
  const cell = codeCell();
  for (let i = 0; i < 20_000; i++) c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: `line ${i}\n` } });
  assert.equal((cell.outputs![0] as { text: string[] }).text.length, 20_000);
  assert.equal((cell.outputs![0] as { text: string[] }).text[19_999], "line 19999\n");
});
test("display data: text split into lines, JSON MIME types kept as objects, transient not stored", () => {
  const c = new OutputCollector();
  const cell = codeCell();
  const fig = { data: [{ x: [1], y: [2] }], layout: {} };
  c.apply(cell, {
    msg_type: "display_data",
    content: { data: { "text/html": "<p>\nhi</p>", "application/vnd.plotly.v1+json": fig }, metadata: {}, transient: { display_id: "d1" } },
  });
  assert.deepEqual(cell.outputs, [{ output_type: "display_data", data: { "text/html": ["<p>\n", "hi</p>"], "application/vnd.plotly.v1+json": fig }, metadata: {} }]);
});

test("update_display_data replaces every earlier output with that display_id, across cells", () => {
  const c = new OutputCollector();
  const a = codeCell();
  const b = codeCell();
  c.apply(a, { msg_type: "display_data", content: { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "p" } } });
  c.apply(a, { msg_type: "display_data", content: { data: { "text/plain": "other" }, metadata: {}, transient: { display_id: "q" } } });
  c.startCell();
  c.apply(b, { msg_type: "display_data", content: { data: { "text/plain": "0%" }, metadata: {}, transient: { display_id: "p" } } });
  c.apply(b, { msg_type: "update_display_data", content: { data: { "text/plain": "100%" }, metadata: {}, transient: { display_id: "p" } } });
  const plain = (cell: NotebookCell): string[] => cell.outputs!.map((o) => (o.output_type === "display_data" ? String(o.data["text/plain"]) : ""));
  assert.deepEqual(plain(a), ["100%", "other"]);
  assert.deepEqual(plain(b), ["100%"]);
});

test("clear_output: immediate, and deferred until the next output with wait=true", () => {
  const c = new OutputCollector();
  const cell = codeCell();
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "1\n" } });
  c.apply(cell, { msg_type: "clear_output", content: { wait: true } });
  assert.equal(cell.outputs!.length, 1, "wait=true keeps the output until the next one");
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "2\n" } });
  assert.deepEqual(cell.outputs, [{ output_type: "stream", name: "stdout", text: ["2\n"] }]);
  c.apply(cell, { msg_type: "clear_output", content: { wait: false } });
  assert.deepEqual(cell.outputs, []);
});

test("error outputs are recorded with ename, evalue and traceback", () => {
  const c = new OutputCollector();
  const cell = codeCell();
  c.apply(cell, { msg_type: "error", content: { ename: "Error", evalue: "bad", traceback: ["line 1", "line 2"] } });
  assert.deepEqual(cell.outputs, [{ output_type: "error", ename: "Error", evalue: "bad", traceback: ["line 1", "line 2"] }]);
});

test("prepareForExecution: nbformat 4.5, unique ids (kept when valid), code cells emptied; atomic write round-trips", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nb-test-"));
  try {
    const file = path.join(dir, "x.ipynb");
    const meta = { kernelspec: { name: "k", display_name: "K", language: "typescript" } };
    fs.writeFileSync(
      file,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 4,
        metadata: meta,
        cells: [
          { cell_type: "code", id: "keep-me", metadata: {}, source: ["1"], outputs: [{ output_type: "stream", name: "stdout", text: "old" }], execution_count: 7 },
          { cell_type: "code", id: "keep-me", metadata: {}, source: "2", outputs: [], execution_count: null },
          { cell_type: "markdown", metadata: {}, source: "# t" },
        ],
      }),
    );
    const nb = prepareForExecution(readNotebook(file));
    assert.equal(nb.nbformat_minor, 5);
    assert.equal(nb.cells[0].id, "keep-me");
    const ids = nb.cells.map((c) => c.id);
    assert.equal(new Set(ids).size, 3, "ids are unique");
    assert.ok(ids.every((id) => typeof id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(id)));
    assert.deepEqual(nb.cells[0].outputs, []);
    assert.equal(nb.cells[0].execution_count, null);
    assert.deepEqual(nb.metadata, meta);
    const out = path.join(dir, "out", "x.ipynb");
    writeNotebookAtomic(out, nb);
    assert.deepEqual(readNotebook(out), nb);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ["x.ipynb"], "no temporary file left");
    assert.throws(() => readNotebook(path.join(dir, "missing.ipynb")), /readNotebook: cannot read .*missing\.ipynb/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("output limit: the first bytes are kept, the rest counted and dropped, and a note says how much", () => {
  const c = new OutputCollector(100);
  const cell = codeCell();
  c.startCell();
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "a".repeat(60) + "\n" } }); // 61 bytes
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "b".repeat(49) + "\n" } }); // 50: 39 fit
  c.apply(cell, { msg_type: "display_data", content: { data: { "text/plain": "x".repeat(10) }, metadata: {} } }); // 10 dropped
  c.apply(cell, { msg_type: "stream", content: { name: "stderr", text: "late error\n" } }); // 11 dropped, kept in the tail
  c.apply(cell, { msg_type: "error", content: { ename: "E", evalue: "v", traceback: [] } }); // always kept
  const dropped = c.finishCell(cell);
  assert.deepEqual(dropped, { bytes: 11 + 10 + 11, messages: 3 });
  const outs = cell.outputs!;
  assert.deepEqual(outs[0], { output_type: "stream", name: "stdout", text: ["a".repeat(60) + "\n", "b".repeat(39)] });
  assert.equal(outs[1].output_type, "error");
  const note = outs[2] as { output_type: string; name: string; text: string[] };
  assert.equal(note.name, "stderr");
  assert.match(note.text.join(""), /output truncated: this cell's output reached the limit of 100 bytes; 32 bytes more \(3 messages\) were not stored/);
  assert.match(note.text.join(""), /after the cut:\]\nlate error\n$/);
  // The next cell has a fresh budget and no note.
  const next = codeCell();
  c.startCell();
  c.apply(next, { msg_type: "stream", content: { name: "stdout", text: "ok\n" } });
  assert.deepEqual(c.finishCell(next), { bytes: 0, messages: 0 });
  assert.deepEqual(next.outputs, [{ output_type: "stream", name: "stdout", text: ["ok\n"] }]);
});

test("output limit: UTF-8 characters are never split; clear_output renews the budget", () => {
  const c = new OutputCollector(5);
  const cell = codeCell();
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "ab\u00e9\u00e9" } }); // 2 + 2 + 2 bytes: "ab\u00e9" fits (4)
  assert.deepEqual((cell.outputs![0] as { text: string[] }).text, ["ab\u00e9"]);
  c.apply(cell, { msg_type: "clear_output", content: { wait: false } });
  c.apply(cell, { msg_type: "stream", content: { name: "stdout", text: "12345" } });
  assert.deepEqual(cell.outputs, [{ output_type: "stream", name: "stdout", text: ["12345"] }]);
  assert.deepEqual(c.finishCell(cell), { bytes: 2, messages: 1 });
  assert.throws(() => new OutputCollector(0), /maxBytesPerCell must be a positive integer, got 0/);
});
