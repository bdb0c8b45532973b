/**
 * tools/static-images.ts: adds image/png to every plotly output of an executed notebook, in place
 * and atomically; skips with one reason when Chromium is missing. Needs /usr/bin/chromium: skipped
 * without it, except under CI=true where a missing Chromium is a failure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderStaticImages, staticRenderingUnavailable } from "../../tools/static-images";
import { lineFigure } from "../../src/view/figure";
import { figureBundle } from "../../src/view/figure-html";

function notebookWith(outputs: unknown[]): unknown {
  return {
    cells: [
      { cell_type: "markdown", id: "m", metadata: {}, source: ["# t"] },
      { cell_type: "code", id: "c", metadata: {}, execution_count: 1, source: ["show(f)"], outputs },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function figureOutput(traces: number, width = 640, height = 400) {
  const fig = lineFigure({
    title: "t",
    x: { title: "x (units)" },
    y: { title: "y (units)" },
    series: Array.from({ length: traces }, (_, k) => ({ name: `s${k}`, x: [1, 2, 3], y: [k, k + 1, k * 2] })),
    id: `F-test-${traces}`,
    width,
    height,
  });
  const b = figureBundle(fig, { elementId: `el-fig-${traces}` });
  return { output_type: "display_data", data: b.data, metadata: b.metadata };
}

/** Width and height from a PNG's IHDR chunk (PNG spec: bytes 16-23, big-endian). */
function pngSize(b64: string): { width: number; height: number } {
  const buf = Buffer.from(b64, "base64");
  assert.deepEqual([...buf.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const unavailable = staticRenderingUnavailable();
const ci = process.env.CI === "true";

test("static images: PNG added in place, HTML fallback shows the image, atomic write", { skip: !ci && unavailable ? unavailable : false }, async () => {
  assert.equal(unavailable, null, `under CI=true Chromium is required: ${unavailable}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-static-"));
  try {
    const file = path.join(dir, "nb.ipynb");
    const stream = { output_type: "stream", name: "stdout", text: "hello\n" };
    fs.writeFileSync(file, JSON.stringify(notebookWith([stream, figureOutput(2), figureOutput(3, 500, 300)])));
    const t0 = performance.now();
    const r = await renderStaticImages([file]);
    const ms = performance.now() - t0;
    assert.equal(r.skippedReason, undefined);
    assert.equal(r.rendered, 2);
    const nb = JSON.parse(fs.readFileSync(file, "utf8"));
    const outs = nb.cells[1].outputs;
    assert.deepEqual(outs[0], stream, "other outputs untouched");
    assert.deepEqual(pngSize(outs[1].data["image/png"]), { width: 640, height: 400 }, "PNG at the layout's size");
    assert.deepEqual(pngSize(outs[2].data["image/png"]), { width: 500, height: 300 });
    for (const o of outs.slice(1)) {
      assert.ok(Buffer.from(o.data["image/png"], "base64").length > 2000, "a non-trivial picture");
      assert.match(o.data["text/html"], /<img src="data:image\/(webp|png);base64,/, "no-script fallback is the image");
      assert.ok(o.data["application/vnd.plotly.v1+json"], "spec kept");
      const bytes = Buffer.byteLength(JSON.stringify(o));
      assert.ok(bytes < 200_000, `output with images is ${bytes} bytes`);
    }
    assert.deepEqual(fs.readdirSync(dir), ["nb.ipynb"], "no temp files left");
    console.log(`static images: 2 figures in ${ms.toFixed(0)} ms (Chromium start ${r.startMs?.toFixed(0)} ms; shared machine)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("static images: without Chromium nothing changes and one reason is given", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "el-static-"));
  const saved = process.env.EMERGENCE_LAB_CHROMIUM;
  try {
    const file = path.join(dir, "nb.ipynb");
    const text = JSON.stringify(notebookWith([figureOutput(1)]));
    fs.writeFileSync(file, text);
    process.env.EMERGENCE_LAB_CHROMIUM = path.join(dir, "no-such-chromium");
    const r = await renderStaticImages([file]);
    assert.equal(r.rendered, 0);
    assert.match(r.skippedReason ?? "", /Chromium not found at .*no-such-chromium/);
    assert.equal(fs.readFileSync(file, "utf8"), text);
    // A notebook without figures needs no browser at all.
    fs.writeFileSync(file, JSON.stringify(notebookWith([])));
    assert.deepEqual((await renderStaticImages([file])).rendered, 0);
  } finally {
    if (saved === undefined) delete process.env.EMERGENCE_LAB_CHROMIUM;
    else process.env.EMERGENCE_LAB_CHROMIUM = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
