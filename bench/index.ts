/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports `run(): Promise<void>` and
 * prints its own figures and ratios). Optional arguments name modules to run, e.g.
 * `npm run bench -- graphs`. A benchmark prints numbers; it never fails on a timing.
 */
import * as fs from "node:fs";
import * as path from "node:path";

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const mods = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".js") && f !== "index.js" && !f.startsWith("_"))
    .map((f) => f.replace(/\.js$/, ""))
    .filter((m) => wanted.length === 0 || wanted.includes(m))
    .sort();
  if (wanted.length && mods.length === 0) {
    console.error(`bench: no benchmark named ${wanted.join(", ")}; available: ${fs.readdirSync(__dirname).filter((f) => f.endsWith(".js") && f !== "index.js").join(", ")}`);
    process.exit(2);
  }
  console.log(`emergence-lab bench on ${process.version}, ${require("node:os").cpus().length} cores, ${new Date().toISOString()}`);
  for (const m of mods) {
    console.log(`\n== ${m} ==`);
    const mod = require(path.join(__dirname, m)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
