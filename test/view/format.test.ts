/**
 * formatNumber and friends. Expected strings are written from the rules in the doc comment
 * (significant digits, scientific notation outside [1e-3, 1e6)), not copied from the code; the
 * round-trip property test checks the rounding error bound 0.5 * 10^(1 - digits) (relative) on
 * seeded random values over 40 decades.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNumber, formatScientific, formatCell, formatDuration } from "../../src/view/format";
import { createRng } from "../../src/random/rng";

test("formatNumber: scientific notation for huge and tiny magnitudes", () => {
  assert.equal(formatNumber(5.9e23), "5.9e23");
  assert.equal(formatNumber(6.02214076e23, { digits: 3 }), "6.02e23");
  assert.equal(formatNumber(-1.25e-7), "-1.25e-7");
  assert.equal(formatNumber(0.000123456, { digits: 3 }), "1.23e-4");
  assert.equal(formatNumber(1e6), "1e6");
  assert.equal(formatNumber(2.5e6), "2.5e6");
  assert.equal(formatNumber(999999.7, { digits: 4 }), "1e6", "rounding up across the threshold still reads well");
  assert.equal(formatNumber(999999), "999999", "integers below the threshold stay exact");
});

test("formatNumber: significant digits in the readable range", () => {
  assert.equal(formatNumber(0.5), "0.5");
  assert.equal(formatNumber(1 / 3), "0.3333");
  assert.equal(formatNumber(2 / 3, { digits: 2 }), "0.67");
  assert.equal(formatNumber(3.14159, { digits: 3 }), "3.14");
  assert.equal(formatNumber(0.001), "0.001");
  assert.equal(formatNumber(12.5), "12.5");
  assert.equal(formatNumber(12345.678), "12346", "more integer digits than digits: rounded to an integer");
  assert.equal(formatNumber(123456), "123456", "integers below 1e6 are exact");
  assert.equal(formatNumber(-42), "-42");
});

test("formatNumber: special values", () => {
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(-0), "0");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(Infinity), "∞");
  assert.equal(formatNumber(-Infinity), "-∞");
});

test("formatNumber: thresholds are options", () => {
  assert.equal(formatNumber(0.0005, { smallBelow: 1e-6 }), "0.0005");
  assert.equal(formatNumber(5000, { largeAbove: 1000 }), "5e3");
});

test("formatNumber: bad arguments name the function and the value", () => {
  assert.throws(() => formatNumber(1, { digits: 0 }), /formatNumber: digits .* got 0/);
  assert.throws(() => formatNumber(1, { digits: 2.5 }), /formatNumber: digits .* got 2\.5/);
  assert.throws(() => formatNumber("3" as unknown as number), /formatNumber: x must be a number, got string/);
  assert.throws(() => formatNumber(1, { smallBelow: 10, largeAbove: 1 }), /formatNumber: expected 0 <= smallBelow < largeAbove/);
});

test("formatNumber: round trip within half a unit of the last significant digit (seeded, 2000 values)", () => {
  const rng = createRng("format-roundtrip");
  for (const digits of [2, 4, 6]) {
    for (let i = 0; i < 2000; i++) {
      const x = (rng.double() < 0.5 ? -1 : 1) * 10 ** (40 * rng.double() - 20);
      const s = formatNumber(x, { digits });
      const back = Number(s);
      assert.ok(Number.isFinite(back), `${s} parses`);
      // Rounding to `digits` significant digits: relative error <= 0.5 * 10^(1-digits).
      // Values in [10^digits, 1e6) are rounded to integers instead: absolute error <= 0.5.
      const bound = Math.max(0.5 * 10 ** (1 - digits) * Math.abs(x), Math.abs(x) >= 10 ** digits && Math.abs(x) < 1e6 ? 0.5 : 0);
      assert.ok(Math.abs(back - x) <= bound * (1 + 1e-12), `formatNumber(${x}, ${digits}) = ${s}`);
      assert.ok(!/e\+/.test(s) && !/\.\d*0(e|$)/.test(s), `no plus sign or trailing zeros: ${s}`);
    }
  }
});

test("formatScientific and formatCell", () => {
  assert.equal(formatScientific(123456, 3), "1.23e5");
  assert.equal(formatScientific(1, 3), "1e0");
  assert.equal(formatCell(null), "");
  assert.equal(formatCell(undefined), "");
  assert.equal(formatCell(10n ** 30n), "1000000000000000000000000000000");
  assert.equal(formatCell(true), "true");
  assert.equal(formatCell("k = 4"), "k = 4");
  assert.equal(formatCell(new Float64Array([0.5, 1 / 3])), "[0.5, 0.3333]");
  assert.equal(formatCell([1, 2, 3, 4, 5, 6, 7, 8]), "[1, 2, 3, 4, 5, 6, … (8)]");
});

test("formatDuration", () => {
  assert.equal(formatDuration(850.4), "850 ms");
  assert.equal(formatDuration(3210), "3.2 s");
  assert.equal(formatDuration(3000), "3 s");
  assert.equal(formatDuration(125_000), "2 min 05 s");
  assert.equal(formatDuration(119_600), "2 min 00 s");
  assert.throws(() => formatDuration(-1), /formatDuration: ms must be .* got -1/);
});
