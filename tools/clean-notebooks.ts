/**
 * `npm run clean-notebooks`: store every notebook in notebooks/ and notebooks/solutions/ without outputs and execution
 * counts, with normalised metadata (see notebook-format.ts). `--check` changes nothing and exits 1
 * when a notebook is not clean. Optional arguments: notebook files to treat instead of all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "./jupyter-env";
import { hygieneProblems, normalizeNotebook, parseNotebook, serializeNotebook } from "./notebook-format";

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--check");
  if (unknown.length) {
    console.error(`clean-notebooks: unknown option ${unknown[0]}; expected --check and/or notebook paths`);
    process.exit(2);
  }
  const dir = path.join(PROJECT_ROOT, "notebooks");
  let files = args.filter((a) => !a.startsWith("--")).map((f) => path.resolve(f));
  if (!files.length) {
    const inDir = (d: string): string[] => (fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(d, f)) : []);
    files = [...inDir(dir), ...inDir(path.join(dir, "solutions"))];
  }
  let dirty = 0;
  for (const file of files) {
    const rel = path.relative(PROJECT_ROOT, file);
    const text = fs.readFileSync(file, "utf8");
    const problems = hygieneProblems(text, rel);
    if (!problems.length) continue;
    dirty++;
    if (check) {
      console.log(`not clean: ${rel}: ${problems.join("; ")}`);
    } else {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, serializeNotebook(normalizeNotebook(parseNotebook(text, rel))));
      fs.renameSync(tmp, file);
      console.log(`cleaned: ${rel} (${problems.join("; ")})`);
    }
  }
  if (check && dirty) {
    console.log(`${dirty} notebook(s) not clean: run \`npm run clean-notebooks\``);
    process.exit(1);
  }
  if (!dirty) console.log(`${files.length} notebook(s) clean`);
}

main();
