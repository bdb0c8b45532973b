/**
 * Display in a running tslab kernel. Only this layer knows tslab.
 * (Provisional implementation: the view issue replaces it with offline interactive plotly.)
 */
import type { Figure } from "./figure";

/** Send one display_data bundle with several MIME types (tslab's public API sends one type per call). */
function displayBundle(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const jupyter = require("tslab/dist/jupyter") as {
    lastWriteDisplayData: ((d: unknown, update: boolean) => void) | null;
  };
  if (!jupyter.lastWriteDisplayData) {
    // Outside a kernel (plain Node): print the text form.
    console.log(String(data["text/plain"] ?? ""));
    return;
  }
  jupyter.lastWriteDisplayData({ data, metadata, transient: {} }, false);
}

/** Show a figure in the kernel. */
export function show(figure: Figure): void {
  const spec = { data: figure.data, layout: figure.layout };
  displayBundle(
    {
      "application/vnd.plotly.v1+json": spec,
      "text/plain": `Figure${figure.id ? " " + figure.id : ""}: ${String((figure.layout.title as { text?: string })?.text ?? "")}`,
    },
    { "emergence-lab": { id: figure.id ?? null, caption: figure.caption ?? null } },
  );
}

/** A table from rows of plain values. */
export function showTable(rows: Record<string, unknown>[]): void {
  const cols = rows.length ? Object.keys(rows[0]) : [];
  const esc = (s: unknown) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const html = `<table><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${cols.map((c) => `<td>${esc(r[c])}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
  const text = [cols.join("\t"), ...rows.map((r) => cols.map((c) => String(r[c])).join("\t"))].join("\n");
  displayBundle({ "text/html": html, "text/plain": text });
}
