/**
 * Exact and log-space counts of skill tuples. References: published/closed-form values (C(52,5),
 * 52·51·50·49·48, 1000^4, C(1000,4)), a brute-force enumeration written here, Python's exact
 * integer math.comb/math.perm (values pasted with the command that made them), and BigInt values
 * read back through their decimal digits (log10Big), a path independent of logChoose.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseBig, fallingFactorialBig, logTupleCount, log10Big, log10TupleCount, toExponentialBig, tupleCount, tupleCountBig, type TupleKind } from "../../src/combinatorics/counts";
import { logChoose, logFactorial, logFallingFactorial } from "../../src/combinatorics/counts";

const KINDS: TupleKind[] = ["orderedWithRepetition", "orderedDistinct", "unorderedDistinct", "unorderedWithRepetition"];

function relClose(actual: number, expected: number, rel: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= rel, `${what}: got ${actual}, expected ${expected} (relative error ${err.toExponential(2)} > ${rel})`);
}

test("known exact counts", () => {
  // Poker hands: C(52, 5) = 2,598,960; ordered 5-card draws 52·51·50·49·48 = 311,875,200.
  assert.equal(tupleCountBig({ kind: "unorderedDistinct", skills: 52, k: 5 }), 2598960n);
  assert.equal(tupleCountBig({ kind: "orderedDistinct", skills: 52, k: 5 }), 52n * 51n * 50n * 49n * 48n);
  assert.equal(tupleCountBig({ kind: "orderedDistinct", skills: 52, k: 5 }), 311875200n);
  // The examples: 1,000 skills give 10^12 ordered 4-tuples and C(1000, 4) = 41,417,124,750.
  assert.equal(tupleCountBig({ kind: "orderedWithRepetition", skills: 1000, k: 4 }), 10n ** 12n);
  assert.equal(tupleCountBig({ kind: "unorderedDistinct", skills: 1000, k: 4 }), (1000n * 999n * 998n * 997n) / 24n);
  assert.equal(tupleCountBig({ kind: "unorderedDistinct", skills: 1000, k: 4 }), 41417124750n);
  assert.equal(toExponentialBig(tupleCountBig({ kind: "unorderedDistinct", skills: 1000, k: 4 }), 2), "4.14e+10");
  // Multisets of size 3 from 4 kinds: C(6, 3) = 20 (stars and bars).
  assert.equal(tupleCountBig({ kind: "unorderedWithRepetition", skills: 4, k: 3 }), 20n);
  // Edge cases: k = 0 gives one empty tuple; k = N gives N! orderings and one set.
  for (const kind of KINDS) assert.equal(tupleCountBig({ kind, skills: 7, k: 0 }), 1n, kind);
  assert.equal(tupleCountBig({ kind: "orderedDistinct", skills: 10, k: 10 }), 3628800n);
  assert.equal(tupleCountBig({ kind: "unorderedDistinct", skills: 10, k: 10 }), 1n);
  assert.equal(chooseBig(5, 7), 0n);
  assert.equal(fallingFactorialBig(5, 7), 0n);
});

test("exact counts equal a brute-force enumeration of all sequences", () => {
  for (let N = 1; N <= 6; N++) {
    for (let k = 0; k <= 4; k++) {
      const counts = { orderedWithRepetition: 0, orderedDistinct: 0, unorderedDistinct: 0, unorderedWithRepetition: 0 };
      const seq: number[] = [];
      const rec = (): void => {
        if (seq.length === k) {
          counts.orderedWithRepetition++;
          const distinct = new Set(seq).size === k;
          if (distinct) counts.orderedDistinct++;
          const nondecreasing = seq.every((v, i) => i === 0 || seq[i - 1] <= v);
          if (nondecreasing) counts.unorderedWithRepetition++;
          if (nondecreasing && distinct) counts.unorderedDistinct++;
          return;
        }
        for (let s = 0; s < N; s++) {
          seq.push(s);
          rec();
          seq.pop();
        }
      };
      rec();
      for (const kind of KINDS) {
        if (k > N && (kind === "orderedDistinct" || kind === "unorderedDistinct")) continue;
        assert.equal(tupleCountBig({ kind, skills: N, k }), BigInt(counts[kind]), `${kind} N=${N} k=${k}`);
      }
    }
  }
});

test("log-space counts agree with BigInt values read through their digits", () => {
  // Both sum-of-logs (min(k, N-k) < 256) and Stirling (>= 256) branches.
  const cases: Array<[number, number]> = [
    [1000, 4], [52, 5], [10000, 7], [2000, 1000], [20000, 10000], [5000, 300], [700, 255], [700, 256], [100, 97],
  ];
  for (const [N, k] of cases) {
    for (const kind of KINDS) {
      const exact = log10Big(tupleCountBig({ kind, skills: N, k }));
      relClose(log10TupleCount({ kind, skills: N, k }), exact, 1e-13, `log10 ${kind}(${N}, ${k})`);
      relClose(logTupleCount({ kind, skills: N, k }), exact * Math.LN10, 1e-13, `ln ${kind}(${N}, ${k})`);
    }
  }
});

test("logChoose for sizes beyond BigInt comfort matches Python's exact integers", () => {
  // Reference values: /usr/bin/python3 -c 'import math; print(repr(math.log(math.comb(n, k))))'
  // (Python's log of an int is correctly rounded from the exact integer).
  relClose(logChoose(1e9, 500), 7750.302335263028, 1e-13, "ln C(1e9, 500)");
  relClose(logChoose(1e6, 1000), 7902.882712976143, 1e-13, "ln C(1e6, 1000)");
  relClose(logChoose(1e6, 300), 2729.7024629660186, 1e-13, "ln C(1e6, 300)");
  relClose(logChoose(50000, 25000), 34651.72334250241, 1e-13, "ln C(50000, 25000)");
  relClose(logChoose(1e12, 3), 81.10130387855459, 1e-13, "ln C(1e12, 3)");
  // math.log(math.perm(10**6, 1000)) and math.lgamma(1001)
  relClose(logFallingFactorial(1e6, 1000), 13815.010891464308, 1e-13, "ln falling(1e6, 1000)");
  relClose(logFactorial(1000), 5912.128178488163, 1e-13, "ln 1000!");
  assert.equal(logChoose(3, 5), -Infinity);
});

test("tupleCount is exact below 2^53 and close above", () => {
  assert.equal(tupleCount({ kind: "unorderedDistinct", skills: 1000, k: 4 }), 41417124750);
  assert.equal(tupleCount({ kind: "orderedWithRepetition", skills: 1000, k: 4 }), 1e12);
  const big = tupleCount({ kind: "unorderedDistinct", skills: 10000, k: 6 });
  relClose(big, Number(tupleCountBig({ kind: "unorderedDistinct", skills: 10000, k: 6 })), 1e-12, "C(10000, 6)");
  assert.throws(() => tupleCount({ kind: "orderedWithRepetition", skills: 10000, k: 100 }), /beyond the double range.*log10TupleCount/);
});

test("toExponentialBig and log10Big", () => {
  assert.equal(toExponentialBig(10n ** 12n, 0), "1e+12");
  assert.equal(toExponentialBig(99960000000000000000001n, 2), "1.00e+23"); // rounding carries into the exponent
  assert.equal(toExponentialBig(12345n, 3), "1.235e+4");
  assert.equal(toExponentialBig(-5n, 1), "-5.0e+0");
  relClose(log10Big(10n ** 40n), 40, 1e-15, "log10 1e40");
  assert.throws(() => log10Big(0n), /log10Big: x must be a positive bigint, got 0/);
});

test("bad arguments throw errors that name the function, the argument and the value", () => {
  assert.throws(() => tupleCountBig({ kind: "unorderedDistinct", skills: 10, k: 11 }), /tupleCountBig: k = 11 exceeds skills = 10/);
  assert.throws(() => tupleCountBig({ kind: "orderedDistinct", skills: 3, k: 4 }), /tupleCountBig: k = 4 exceeds skills = 3/);
  assert.throws(() => logTupleCount({ kind: "unorderedDistinct", skills: 10, k: 11 }), /logTupleCount: k = 11 exceeds skills = 10/);
  assert.throws(() => tupleCountBig({ kind: "orderedWithRepetition", skills: 10, k: -1 }), /tupleCountBig: k must be a non-negative integer.*got -1/);
  assert.throws(() => tupleCountBig({ kind: "orderedWithRepetition", skills: 10.5, k: 2 }), /tupleCountBig: skills must be .*integer.*got 10.5/);
  assert.throws(() => tupleCountBig({ kind: "orderedWithRepetition", skills: 0, k: 2 }), /tupleCountBig: skills must be a positive integer, got 0/);
  assert.throws(() => log10TupleCount({ kind: "unorderedDistinct", skills: NaN, k: 2 }), /log10TupleCount|logTupleCount: skills .* got NaN/);
  assert.throws(() => tupleCountBig({ kind: "ordered" as TupleKind, skills: 10, k: 2 }), /tupleCountBig: kind must be one of .* got "ordered"/);
  assert.throws(() => logChoose(5, 2.5), /logChoose: k must be a non-negative integer.*got 2.5/);
  // Ordered tuples with repetition may be longer than the skill list.
  assert.equal(tupleCountBig({ kind: "orderedWithRepetition", skills: 2, k: 5 }), 32n);
  assert.equal(tupleCountBig({ kind: "unorderedWithRepetition", skills: 2, k: 5 }), 6n);
});

test("logFactorial: exact sum below 256, Stirling series above (reference: scipy gammaln(301) = 1414.9058499450678)", () => {
  let s = 0;
  for (let k = 1; k <= 300; k++) {
    s += Math.log(k);
    assert.ok(Math.abs(logFactorial(k) - s) <= 1e-12 * s, `k = ${k}`);
  }
  assert.ok(Math.abs(logFactorial(300) - 1414.9058499450678) < 1e-10);
  assert.throws(() => logFactorial(-1), /logFactorial: n must be a non-negative integer <= 2\^53, got -1/);
});
