/**
 * `npm run new -- my-hypothesis`: starts a notebook of your own from a template: notebooks/my-hypothesis.ipynb
 * with a title, the import cell, a parameters cell, an experiment cell and a figure cell, stored clean (no
 * outputs) with the project's kernelspec. Run it with `npm run lessons -- my-hypothesis` or open it with
 * `npm run lab`. An existing file is never overwritten.
 *
 *   npm run new -- <name> [--title TEXT] [--dir DIR]
 *
 * Names `NN-title` are the pack's lessons and are refused. Exit code 0: created; 1: the file exists;
 * 2: bad arguments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { normalizeNotebook } from "./notebook-format";
import { serializeNotebook, splitLines, type Notebook, type NotebookCell } from "./lib/notebook";
import { LESSON_FILE } from "./lib/pack-notebooks";
import { displayPath, NOTEBOOKS_DIR, userPath } from "./lib/paths";

const USAGE = `usage: npm run new -- <name> [--title TEXT] [--dir DIR]
  <name>         the notebook's file name, e.g. my-hypothesis (letters, digits, ".", "_", "-")
  --title TEXT   its title (default: made from the name)
  --dir DIR      where to create it (default: notebooks/; keep it inside this project folder so that
                 \`import ... from "emergence-lab"\` resolves)`;

class UsageError extends Error {}

export interface NewNotebookOptions {
  name: string;
  title: string;
  dir: string;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseCli(argv: string[]): NewNotebookOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { title: { type: "string" }, dir: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.values.help) throw new UsageError("");
  if (parsed.positionals.length !== 1) {
    throw new UsageError(`expected one notebook name, got ${parsed.positionals.length ? parsed.positionals.map((p) => JSON.stringify(p)).join(", ") : "none"}`);
  }
  const name = parsed.positionals[0].replace(/\.ipynb$/, "");
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(name)) {
    throw new UsageError(`the name must be 1-80 letters, digits, ".", "_" or "-" starting with a letter or digit, got ${JSON.stringify(parsed.positionals[0])}`);
  }
  if (LESSON_FILE.test(`${name}.ipynb`)) {
    throw new UsageError(`names of the form NN-title (two digits, a dash) are kept for the pack's lessons; choose another name than ${JSON.stringify(name)}`);
  }
  const title = parsed.values.title ?? titleFromName(name);
  return { name, title, dir: parsed.values.dir ? userPath(parsed.values.dir) : NOTEBOOKS_DIR };
}

/** "my-hypothesis" -> "My hypothesis". */
export function titleFromName(name: string): string {
  const words = name.replace(/[-_.]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function markdown(text: string, id: string): NotebookCell {
  return { cell_type: "markdown", id, metadata: {}, source: splitLines(text) };
}

function code(text: string, id: string, tags: string[] = []): NotebookCell {
  return { cell_type: "code", id, metadata: tags.length ? { tags } : {}, source: splitLines(text), outputs: [], execution_count: null };
}

/** The template notebook, in its clean stored form. */
export function templateNotebook(title: string): Notebook {
  const cells: NotebookCell[] = [
    markdown(
      `# ${title}

**Hypothesis.** Write down what you expect to see, and which result would prove you wrong.

**How to run it.** Change the parameters cell, then restart the kernel and run all cells (*Kernel → Restart Kernel and Run All Cells…* in JupyterLab 4 and Notebook 7). Every random result comes from an explicit seed, so the same parameters give the same numbers on every run.`,
      "title",
    ),
    code(`import { createRng, lineFigure, performanceCurve, show } from "emergence-lab";`, "imports"),
    code(
      `// Parameters: change these and re-run the notebook.
const seed = 1;             // for random experiments: const rng = createRng(seed);
const theta = 0.1;          // fraction of failed text pieces
const kValues = [2, 4, 8];  // skills per text piece, one curve each
const alphas = Array.from({ length: 40 }, (_, i) => 0.01 + (0.49 * i) / 39);  // fraction of skills left out`,
      "parameters",
      ["parameters"],
    ),
    markdown(
      `## Experiment

Theorem 8 of Arora & Goyal: for each α, at least a fraction 1 − α of the skills have competence at least 1 − β_min θ. Replace this with your own experiment.`,
      "experiment-text",
    ),
    code(
      `const curves = kValues.map((k) => ({ k, points: performanceCurve({ theta, k, alphas }) }));
const rng = createRng(seed);
console.log(\`θ = \${theta}; first draw of createRng(\${seed}): \${rng.next().toFixed(6)}\`);`,
      "experiment",
    ),
    code(
      `show(lineFigure({
  title: \`Guaranteed competence against α (θ = \${theta})\`,
  caption: \`Theorem 8, θ = \${theta}, k = \${kValues.join(", ")}\`,
  x: { title: "α (fraction of skills below the guarantee)" },
  y: { title: "guaranteed competence 1 − β_min θ" },
  series: curves.map(({ k, points }) => {
    const shown = points.filter((p) => p.competence !== null);
    return { name: \`k = \${k}\`, x: shown.map((p) => p.alpha), y: shown.map((p) => p.competence as number) };
  }),
}));`,
      "figure",
    ),
    markdown(
      `## What I found

What the figure shows, whether it supports the hypothesis, and what to try next.`,
      "findings",
    ),
  ];
  return normalizeNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
}

/** Creates the notebook; throws an Error (the file is left as it was) when it already exists. */
export function createNotebook(opts: NewNotebookOptions): string {
  const file = path.join(opts.dir, `${opts.name}.ipynb`);
  fs.mkdirSync(opts.dir, { recursive: true });
  // "wx": fails when the file exists, so nothing is ever overwritten, even in a race.
  try {
    fs.writeFileSync(file, serializeNotebook(templateNotebook(opts.title)), { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") {
      throw new Error(`${displayPath(file)} already exists; it was left as it is (choose another name, or remove it first)`);
    }
    throw e;
  }
  return file;
}

function main(): number {
  let opts: NewNotebookOptions;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) console.error(`new: ${e.message}\n`);
    console.error(USAGE);
    return 2;
  }
  try {
    const file = createNotebook(opts);
    console.log(`created ${displayPath(file)}`);
    console.log(`  run it:   npm run lessons -- ${opts.dir === NOTEBOOKS_DIR ? opts.name : file}`);
    console.log(`  open it:  npm run lab`);
    return 0;
  } catch (e) {
    console.error(`new: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
