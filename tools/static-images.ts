/**
 * Static renderings of figures in executed notebooks (owned by the view work; provisional stub).
 * Given executed notebook files, add an image/png rendering to every plotly output, in place.
 */
export interface StaticImagesResult {
  rendered: number;
  /** Set when nothing could be rendered (e.g. no Chromium): a one-line reason. */
  skippedReason?: string;
}

export async function renderStaticImages(notebookPaths: string[]): Promise<StaticImagesResult> {
  void notebookPaths;
  return { rendered: 0, skippedReason: "static rendering not implemented yet" };
}
