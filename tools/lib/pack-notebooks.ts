/**
 * Which notebooks belong to the pack: the lessons `notebooks/NN-title.ipynb` and the teacher's solutions
 * `notebooks/solutions/NN-solutions.ipynb`. Anything else in notebooks/ is a reader's own notebook: the
 * runner runs it when named, and no check of the pack looks at it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** A lesson's file name: two digits, a dash, a title. */
export const LESSON_FILE = /^\d\d-.+\.ipynb$/;
/** A solutions notebook's file name (in notebooks/solutions/). */
export const SOLUTIONS_FILE = /^\d\d-solutions\.ipynb$/;

function listDir(dir: string, pattern: RegExp): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The lessons in `notebooksDir`, in order. */
export function lessonNotebooks(notebooksDir: string): string[] {
  return listDir(notebooksDir, LESSON_FILE);
}

/** The solutions notebooks in `notebooksDir`/solutions, in order. */
export function solutionNotebooks(notebooksDir: string): string[] {
  return listDir(path.join(notebooksDir, "solutions"), SOLUTIONS_FILE);
}

/** Every notebook of the pack: lessons, then solutions. */
export function packNotebooks(notebooksDir: string): string[] {
  return [...lessonNotebooks(notebooksDir), ...solutionNotebooks(notebooksDir)];
}

/** Every .ipynb directly in `dir` (a reader's notebooks included), in order. */
export function allNotebooks(dir: string): string[] {
  return listDir(dir, /\.ipynb$/);
}
