#!/usr/bin/env node
// Builds the project with the project's own TypeScript (not the one tslab bundles):
//   src/            -> dist/   (the library `emergence-lab`, with declaration files)
//   src, tools, test, bench -> .out/ (the command-line tools, tests and benchmarks)
// Plain JavaScript on purpose: it runs from `npm ci` (the `prepare` script) before anything is compiled.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const { parseArgs } = require("node:util");
let watch = false;
try {
  watch = Boolean(parseArgs({ args: process.argv.slice(2), strict: true, options: { watch: { type: "boolean" } } }).values.watch);
} catch (e) {
  console.error(`build: ${e.message}\nusage: node tools/build.js [--watch]`);
  process.exit(2);
}

// Notebooks (and readers' own notebooks inside the project) import the library by its package name,
// `import { ... } from "emergence-lab"`. Inside this checkout that name resolves through a link
// node_modules/emergence-lab -> .. (package.json main/types point at dist/).
linkSelf();

function linkSelf() {
  const fs = require("node:fs");
  const link = path.join(root, "node_modules", "emergence-lab");
  try {
    const st = fs.lstatSync(link);
    if (st.isSymbolicLink() && fs.readlinkSync(link) === "..") return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // no link yet
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync("..", link, "dir");
}

// Both projects are built even when the first reports errors (tsc still emits), so one error
// message does not hide the next; the exit code says whether everything type-checked.
let failed = false;
for (const project of watch ? ["tsconfig.lib.json"] : ["tsconfig.lib.json", "tsconfig.json"]) {
  const args = [tsc, "-p", path.join(root, project)];
  if (watch) args.push("--watch", "--preserveWatchOutput");
  const r = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (r.status !== 0) {
    console.error(`build: TypeScript failed for ${project} (exit ${r.status ?? r.signal}).`);
    failed = true;
  }
}
if (failed) process.exit(1);
