/**
 * The package's public API as a list of (name, kind), read with the TypeScript compiler API from
 * src/index.ts: every name `import { ... } from "emergence-lab"` can see, and whether it is a
 * function, a type, a constant or a class. Used by the API snapshot test.
 */
import * as path from "node:path";
import ts from "typescript";

export type ExportKind = "function" | "type" | "constant" | "class";

export interface ApiExport {
  name: string;
  kind: ExportKind;
}

function kindOf(symbol: ts.Symbol): ExportKind {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return "class";
  if (f & ts.SymbolFlags.Function) return "function";
  if (f & (ts.SymbolFlags.Variable | ts.SymbolFlags.Enum)) return "constant";
  if (f & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return "type";
  throw new Error(`public-api: cannot classify export ${symbol.name} (flags ${f})`);
}

/** The exports of `entry` (default: src/index.ts under `root`), sorted by name. */
export function listExports(root: string, entry = path.join(root, "src", "index.ts")): ApiExport[] {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ["node"],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`public-api: cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`public-api: ${entry} is not a module`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return { name: s.name, kind: kindOf(target) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Count of exports by kind. */
export function countByKind(list: readonly ApiExport[]): Record<ExportKind, number> {
  const out: Record<ExportKind, number> = { function: 0, type: 0, constant: 0, class: 0 };
  for (const e of list) out[e.kind]++;
  return out;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..", "..");
  const list = listExports(root);
  for (const e of list) console.log(`${e.kind} ${e.name}`);
  console.log(JSON.stringify({ total: list.length, ...countByKind(list) }));
}
