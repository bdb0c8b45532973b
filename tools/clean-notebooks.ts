/**
 * `npm run clean-notebooks`: store the pack's notebooks (the lessons and the solutions) without outputs and
 * execution counts, with normalised metadata (see notebook-format.ts). `--check` changes nothing and exits 1
 * when a notebook is not clean. Notebook paths given as arguments are treated instead (a reader's own
 * notebooks are touched only when named).
 *
 *   npm run clean-notebooks -- [--check] [files...]
 *
 * Exit code 0: clean (or cleaned); 1: not clean under --check, or a notebook could not be read; 2: bad arguments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { hygieneProblems, normalizeNotebook, parseNotebook, serializeNotebook } from "./notebook-format";
import { writeFileAtomic } from "./lib/atomic-write";
import { packNotebooks } from "./lib/pack-notebooks";
import { NOTEBOOKS_DIR, PROJECT_ROOT, userPath } from "./lib/paths";

const USAGE = "usage: npm run clean-notebooks -- [--check] [notebook files...] (default: the lessons and solutions in notebooks/)";

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: { check: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    console.error(`clean-notebooks: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const check = Boolean(parsed.values.check);
  const files = parsed.positionals.length ? parsed.positionals.map((f) => userPath(f)) : packNotebooks(NOTEBOOKS_DIR);
  let dirty = 0;
  let unreadable = 0;
  for (const file of files) {
    const rel = path.relative(PROJECT_ROOT, file);
    let text: string;
    let problems: string[];
    try {
      text = fs.readFileSync(file, "utf8");
      problems = hygieneProblems(text, rel);
    } catch (e) {
      unreadable++;
      console.log(`cannot clean ${rel}: ${(e as Error).message}`);
      continue;
    }
    if (!problems.length) continue;
    dirty++;
    if (check) {
      console.log(`not clean: ${rel}: ${problems.join("; ")}`);
    } else {
      writeFileAtomic(file, serializeNotebook(normalizeNotebook(parseNotebook(text, rel))));
      console.log(`cleaned: ${rel} (${problems.join("; ")})`);
    }
  }
  if (check && dirty) console.log(`${dirty} notebook(s) not clean: run \`npm run clean-notebooks\``);
  else if (!dirty && !unreadable) console.log(`${files.length} notebook(s) clean`);
  return unreadable || (check && dirty) ? 1 : 0;
}

process.exitCode = main();
