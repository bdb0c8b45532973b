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
import { FigureRenderer, launchChromium, optimizePng, renderStaticImages, staticRenderingUnavailable } from "../../tools/static-images";
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

test("optimizePng is lossless: Chromium decodes the same pixels from both files", { skip: !ci && unavailable ? unavailable : false }, async () => {
  const renderer = await FigureRenderer.open();
  let raw: Buffer;
  try {
    const f = figureOutput(3);
    const img = await renderer.render(f.data["application/vnd.plotly.v1+json"] as { data: unknown[]; layout: Record<string, unknown> }, { optimize: false });
    raw = Buffer.from(img.png, "base64");
  } finally {
    await renderer.close();
  }
  const opt = optimizePng(raw);
  assert.ok(opt.length < raw.length, `optimized ${opt.length} bytes vs ${raw.length}`);
  assert.equal(opt[25], 2, "opaque RGBA re-encoded as RGB (IHDR colour type 2)");
  // An independent decoder (the browser's) must see identical RGBA pixels.
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const diff = await page.evaluate(async (a: { raw: string; opt: string }) => {
      const pixels = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bmp = await createImageBitmap(new Blob([bytes], { type: "image/png" }), { premultiplyAlpha: "none", colorSpaceConversion: "none" });
        const c = document.createElement("canvas");
        c.width = bmp.width;
        c.height = bmp.height;
        const ctx = c.getContext("2d")!;
        ctx.drawImage(bmp, 0, 0);
        return { w: bmp.width, h: bmp.height, d: ctx.getImageData(0, 0, bmp.width, bmp.height).data };
      };
      const x = await pixels(a.raw);
      const y = await pixels(a.opt);
      let n = 0;
      for (let i = 0; i < x.d.length; i++) if (x.d[i] !== y.d[i]) n++;
      return { n, same: x.w === y.w && x.h === y.h, len: x.d.length };
    }, { raw: raw.toString("base64"), opt: opt.toString("base64") });
    assert.equal(diff.same, true, "same size");
    assert.ok(diff.len > 0);
    assert.equal(diff.n, 0, `${diff.n} of ${diff.len} bytes differ`);
  } finally {
    await browser.close();
  }
});

test("optimizePng: not a PNG throws; PNG kinds it does not handle come back unchanged", () => {
  assert.throws(() => optimizePng(Buffer.from("hello, world, not a png at all....")), /optimizePng: not a PNG/);
  // A 1x1 16-bit greyscale PNG header (bit depth 16): returned as is.
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 16;
  ihdr[9] = 0;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const png = Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IEND", Buffer.alloc(0))]);
  assert.equal(optimizePng(png), png);
});
