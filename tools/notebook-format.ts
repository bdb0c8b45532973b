/**
 * The stored form of a lesson notebook: nbformat 4.5, no outputs, no execution counts, cell
 * metadata reduced to what a reader set on purpose (tags), notebook metadata naming the project's
 * kernelspec, source as a list of lines, stable cell ids, Jupyter's own JSON layout (indent 1).
 * Reading, line splitting and serialising are the runner's (tools/lib/notebook.ts).
 */
import * as crypto from "node:crypto";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./jupyter-env";
import { joinSource, parseNotebook, serializeNotebook, splitLines, type MultilineString, type Notebook, type NotebookCell } from "./lib/notebook";

export { parseNotebook, serializeNotebook, type Notebook };

/** The notebook metadata every lesson stores. */
export const LESSON_METADATA: Record<string, unknown> = {
  kernelspec: { display_name: KERNEL_DISPLAY_NAME, language: "typescript", name: KERNEL_NAME },
  language_info: { name: "typescript" },
};

/** A source in Jupyter's list-of-lines form (each line keeps its "\n" but the last). */
export function sourceLines(source: MultilineString): string[] {
  return splitLines(joinSource(source));
}

/** The clean, stored form of a notebook. Ids are kept; a missing id is derived from the cell's position and text. */
export function normalizeNotebook(nb: Notebook): Notebook {
  const seen = new Set<string>();
  const cells: NotebookCell[] = nb.cells.map((c, i) => {
    const source = sourceLines(c.source);
    let id = typeof c.id === "string" && /^[a-zA-Z0-9-_]{1,64}$/.test(c.id) ? c.id : "";
    if (!id || seen.has(id)) {
      id = crypto.createHash("sha1").update(`${i}\n${source.join("")}`).digest("hex").slice(0, 8);
    }
    seen.add(id);
    const metadata: Record<string, unknown> = {};
    const tags = c.metadata?.tags;
    if (Array.isArray(tags) && tags.length) metadata.tags = tags;
    if (c.cell_type === "code") {
      return { cell_type: "code", execution_count: null, id, metadata, outputs: [], source };
    }
    const out: NotebookCell = { cell_type: c.cell_type, id, metadata, source };
    if (c.attachments) out.attachments = c.attachments;
    return out;
  });
  return { cells, metadata: LESSON_METADATA, nbformat: 4, nbformat_minor: 5 };
}

/** What makes a stored notebook not clean (empty when clean). */
export function hygieneProblems(text: string, file: string): string[] {
  const nb = parseNotebook(text, file);
  const problems: string[] = [];
  const withOutputs = nb.cells.filter((c) => c.cell_type === "code" && ((c.outputs ?? []).length > 0 || c.execution_count != null));
  if (withOutputs.length) problems.push(`${withOutputs.length} code cell(s) with outputs or execution counts`);
  const clean = serializeNotebook(normalizeNotebook(nb));
  if (!problems.length && clean !== text) problems.push("metadata, cell ids or layout not normalised");
  return problems;
}
