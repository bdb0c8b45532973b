import { test } from "node:test";
import assert from "node:assert/strict";
import { showMarkdown } from "../../src/view/display";

test("showMarkdown: outside a kernel the text is printed as is; empty input is an error", () => {
  const printed: unknown[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void printed.push(args.join(" "));
  try {
    showMarkdown("The fit gives $E = 1.82$.");
  } finally {
    console.log = original;
  }
  assert.deepEqual(printed, ["The fit gives $E = 1.82$."]);
  assert.throws(() => showMarkdown("  "), /showMarkdown: markdown must be a non-empty string/);
});
