/**
 * The layer rule of the library, checked by scanning the imports of every .ts file under src/:
 * core (random, graphs, scaling, theory, sim, combinatorics, math, the lessons' self-checks in
 * checks/, and the shared src/validate.ts)
 * imports nothing from view/, io/ or tools/, no Node built-in (node:*), and not tslab, plotly or
 * danfojs; io/ (Node file access) imports no view/ or tools/ and no display package; view/ imports no
 * io/ or tools/; checks/ (the lessons' self-checks, above the core) imports only the core and itself,
 * no Node built-in and no display package. Only src/index.ts (the public API) imports from every layer.
 */
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

export type Layer = "core" | "io" | "view" | "checks" | "entry";

/** One import that breaks the rule. */
export interface LayerViolation {
  /** File, relative to the scanned folder. */
  file: string;
  /** The import specifier as written. */
  specifier: string;
  /** Why it is not allowed. */
  reason: string;
}

const CORE_AREAS = new Set(["random", "graphs", "scaling", "theory", "sim", "combinatorics", "math", "checks"]);
const DISPLAY_PACKAGES = /^(tslab|plotly|plotly\.js[\w.-]*|danfojs[\w-]*|@tensorflow\/.*)(\/|$)/;
const BUILTINS = new Set(builtinModules);

/** The layer of a file, from its path relative to src/ (e.g. "sim/adversary.ts" -> core). */
export function layerOf(rel: string): Layer | "tools" | "unknown" {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === "..") return parts.includes("tools") ? "tools" : "unknown";
  if (parts.length === 1) return parts[0] === "index.ts" ? "entry" : "core";
  if (CORE_AREAS.has(parts[0])) return "core";
  if (parts[0] === "io") return "io";
  if (parts[0] === "view") return "view";
  if (parts[0] === "checks") return "checks";
  return "unknown";
}

/** Every module specifier in a TypeScript source: import/export ... from, import(), require(). */
export function importSpecifiers(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/.*$/gm, "$1");
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out.sort();
}

/** The imports under `srcDir` that break the layer rule (empty when it holds). */
export function layerViolations(srcDir: string): LayerViolation[] {
  const out: LayerViolation[] = [];
  for (const file of tsFiles(srcDir)) {
    const rel = path.relative(srcDir, file);
    const from = layerOf(rel);
    if (from === "entry") continue;
    for (const spec of importSpecifiers(fs.readFileSync(file, "utf8"))) {
      const bad = (reason: string) => out.push({ file: rel, specifier: spec, reason });
      if (spec.startsWith(".")) {
        const target = layerOf(path.relative(srcDir, path.resolve(path.dirname(file), spec)));
        if (target === "tools") bad(`${from} imports tools`);
        else if (target === "unknown") bad(`${from} imports outside the library`);
        else if (from === "core" && target !== "core") bad(`core imports ${target}`);
        else if (from === "io" && (target === "view" || target === "entry")) bad(`io imports ${target}`);
        else if (from === "view" && (target === "io" || target === "entry")) bad(`view imports ${target}`);
        else if (from === "checks" && target !== "core" && target !== "checks") bad(`checks imports ${target}`);
        continue;
      }
      const isBuiltin = spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0]);
      if (DISPLAY_PACKAGES.test(spec) && from !== "view") bad(`${from} imports the display package ${spec}`);
      else if (isBuiltin && from !== "io" && from !== "view") bad(`${from} imports the Node built-in ${spec}`);
    }
  }
  return out;
}
